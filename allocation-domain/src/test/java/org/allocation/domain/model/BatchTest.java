package org.allocation.domain.model;

import static org.allocation.domain.Dates.TOMORROW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.allocation.domain.InvalidValue;
import org.junit.jupiter.api.Test;

class BatchTest {

    @Test
    void aRestoredBatchCountsEveryAllocationButKnowsOnlyTheLinesLoaded() {
        OrderLine loaded = new OrderLine("o-loaded", "LAMP", 2);
        Batch batch = Batch.restore("b1", "LAMP", 10, Optional.empty(), 7, List.of(loaded));

        assertThat(batch.availableQuantity()).isEqualTo(3);
        assertThat(batch.canAllocate(new OrderLine("o-new", "LAMP", 4))).isFalse();
        assertThat(batch.isAllocated(loaded)).isTrue();
        assertThat(batch.allocations()).containsExactly(loaded);
    }

    @Test
    void aBatchIsRestoredOnlyFromValidValues() {
        assertThatThrownBy(() -> Batch.restore("b1", "LAMP", 10, Optional.empty(), -1, List.of()))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("allocatedQuantity");
        assertThatThrownBy(() -> Batch.restore("", "LAMP", 10, Optional.empty(), 0, List.of()))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("ref");
    }

    @Test
    void allocatingToABatchReducesTheAvailableQuantity() {
        Batch batch = Batch.inShipment("batch-001", "SMALL-TABLE", 20, TOMORROW);

        batch.allocate(new OrderLine("order-ref", "SMALL-TABLE", 2));

        assertThat(batch.availableQuantity()).isEqualTo(18);
        assertThat(batch.allocatedQuantity()).isEqualTo(2);
    }

    @Test
    void canAllocateIfAvailableGreaterThanRequired() {
        Batch batch = Batch.inWarehouse("batch-001", "ELEGANT-LAMP", 20);

        assertThat(batch.canAllocate(new OrderLine("order-123", "ELEGANT-LAMP", 2))).isTrue();
    }

    @Test
    void cannotAllocateIfAvailableSmallerThanRequired() {
        Batch batch = Batch.inWarehouse("batch-001", "ELEGANT-LAMP", 2);

        assertThat(batch.canAllocate(new OrderLine("order-123", "ELEGANT-LAMP", 20))).isFalse();
    }

    @Test
    void canAllocateIfAvailableEqualToRequired() {
        Batch batch = Batch.inWarehouse("batch-001", "ELEGANT-LAMP", 2);

        assertThat(batch.canAllocate(new OrderLine("order-123", "ELEGANT-LAMP", 2))).isTrue();
    }

    @Test
    void cannotAllocateIfSkusDoNotMatch() {
        Batch batch = Batch.inWarehouse("batch-001", "UNCOMFORTABLE-CHAIR", 100);

        assertThat(batch.canAllocate(new OrderLine("order-123", "EXPENSIVE-TOASTER", 10))).isFalse();
    }

    @Test
    void allocationIsIdempotent() {
        Batch batch = Batch.inWarehouse("batch-001", "ANGULAR-DESK", 20);
        OrderLine line = new OrderLine("order-123", "ANGULAR-DESK", 2);

        batch.allocate(line);
        batch.allocate(line);

        assertThat(batch.availableQuantity()).isEqualTo(18);
        assertThat(batch.allocations()).containsExactly(line);
    }

    @Test
    void refusesALineItCannotTake() {
        Batch batch = Batch.inWarehouse("batch-001", "ANGULAR-DESK", 1);

        assertThatThrownBy(() -> batch.allocate(new OrderLine("order-123", "ANGULAR-DESK", 2)))
                .isInstanceOf(InvalidValue.class)
                .hasMessageContaining("batch-001");
    }

    @Test
    void shrinkingGivesBackTheMostRecentAllocationsFirst() {
        Batch batch = Batch.inWarehouse("batch-001", "SOFA", 10);
        OrderLine oldest = new OrderLine("o1", "SOFA", 4);
        OrderLine middle = new OrderLine("o2", "SOFA", 3);
        OrderLine newest = new OrderLine("o3", "SOFA", 3);
        batch.allocate(oldest);
        batch.allocate(middle);
        batch.allocate(newest);

        var deallocated = batch.changePurchasedQuantity(5);

        assertThat(deallocated).containsExactly(newest, middle);
        assertThat(batch.allocations()).containsExactly(oldest);
        assertThat(batch.availableQuantity()).isEqualTo(1);
    }

    @Test
    void growingGivesNothingBack() {
        Batch batch = Batch.inWarehouse("batch-001", "SOFA", 10);
        batch.allocate(new OrderLine("o1", "SOFA", 10));

        var deallocated = batch.changePurchasedQuantity(12);

        assertThat(deallocated).isEmpty();
        assertThat(batch.availableQuantity()).isEqualTo(2);
    }

    @Test
    void batchesAreIdentifiedByTheirReference() {
        Batch one = Batch.inWarehouse("batch-001", "SOFA", 10);
        Batch sameReference = Batch.inShipment("batch-001", "SOFA", 99, TOMORROW);

        assertThat(one).isEqualTo(sameReference).hasSameHashCodeAs(sameReference);
        assertThat(one.hasSameContentAs(sameReference)).isFalse();
    }

    @Test
    void warehouseStockHasNoEta() {
        assertThat(Batch.inWarehouse("b", "SOFA", 1).eta()).isEmpty();
        assertThat(Batch.inShipment("b", "SOFA", 1, TOMORROW).eta()).contains(TOMORROW);
        assertThatThrownBy(() -> new Batch("b", "SOFA", 1, null)).isInstanceOf(InvalidValue.class)
                .hasMessage("eta is required");
        assertThat(new Batch("b", "SOFA", 1, Optional.empty()).eta()).isEmpty();
    }
}
