package org.allocation.domain.model;

import static org.allocation.domain.Dates.LATER;
import static org.allocation.domain.Dates.TODAY;
import static org.allocation.domain.Dates.TOMORROW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.allocation.domain.InvalidValue;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.Deallocated;
import org.allocation.domain.events.OutOfStock;
import org.junit.jupiter.api.Test;

class ProductTest {

    @Test
    void prefersWarehouseBatchesToShipments() {
        Batch inStock = Batch.inWarehouse("in-stock-batch", "RETRO-CLOCK", 100);
        Batch shipment = Batch.inShipment("shipment-batch", "RETRO-CLOCK", 100, TOMORROW);
        Product product = new Product("RETRO-CLOCK", List.of(shipment, inStock), 0);

        product.allocate(new OrderLine("oref", "RETRO-CLOCK", 10));

        assertThat(inStock.availableQuantity()).isEqualTo(90);
        assertThat(shipment.availableQuantity()).isEqualTo(100);
    }

    @Test
    void prefersEarlierBatches() {
        Batch earliest = Batch.inShipment("speedy-batch", "MINIMALIST-SPOON", 100, TODAY);
        Batch medium = Batch.inShipment("normal-batch", "MINIMALIST-SPOON", 100, TOMORROW);
        Batch latest = Batch.inShipment("slow-batch", "MINIMALIST-SPOON", 100, LATER);
        Product product = new Product("MINIMALIST-SPOON", List.of(latest, medium, earliest), 0);

        product.allocate(new OrderLine("order1", "MINIMALIST-SPOON", 10));

        assertThat(earliest.availableQuantity()).isEqualTo(90);
        assertThat(medium.availableQuantity()).isEqualTo(100);
        assertThat(latest.availableQuantity()).isEqualTo(100);
    }

    @Test
    void breaksTiesBetweenEqualBatchesByReference() {
        Batch b = Batch.inShipment("batch-b", "STOOL", 10, TOMORROW);
        Batch a = Batch.inShipment("batch-a", "STOOL", 10, TOMORROW);
        Product product = new Product("STOOL", List.of(b, a), 0);

        assertThat(product.allocate(new OrderLine("o1", "STOOL", 1))).contains("batch-a");
    }

    @Test
    void skipsBatchesThatCannotTakeTheLine() {
        Batch small = Batch.inWarehouse("small", "STOOL", 1);
        Batch big = Batch.inShipment("big", "STOOL", 10, TOMORROW);
        Product product = new Product("STOOL", List.of(small, big), 0);

        assertThat(product.allocate(new OrderLine("o1", "STOOL", 5))).contains("big");
    }

    @Test
    void returnsAllocatedBatchRef() {
        Batch inStock = Batch.inWarehouse("in-stock-batch-ref", "HIGHBROW-POSTER", 100);
        Batch shipment = Batch.inShipment("shipment-batch-ref", "HIGHBROW-POSTER", 100, TOMORROW);
        Product product = new Product("HIGHBROW-POSTER", List.of(inStock, shipment), 0);

        assertThat(product.allocate(new OrderLine("oref", "HIGHBROW-POSTER", 10))).contains("in-stock-batch-ref");
    }

    @Test
    void recordsAllocatedEvent() {
        Product product = new Product("LAMP", List.of(Batch.inWarehouse("b1", "LAMP", 10)), 0);

        product.allocate(new OrderLine("o1", "LAMP", 3));

        assertThat(product.pullEvents()).containsExactly(new Allocated("o1", "LAMP", 3, "b1"));
        assertThat(product.pullEvents()).isEmpty();
    }

    @Test
    void recordsOutOfStockEventIfCannotAllocate() {
        Batch batch = Batch.inWarehouse("batch1", "SMALL-FORK", 10);
        Product product = new Product("SMALL-FORK", List.of(batch), 0);
        product.allocate(new OrderLine("order1", "SMALL-FORK", 10));
        product.pullEvents();

        var allocation = product.allocate(new OrderLine("order2", "SMALL-FORK", 1));

        assertThat(allocation).isEmpty();
        assertThat(product.pullEvents()).containsExactly(new OutOfStock("SMALL-FORK"));
    }

    @Test
    void incrementsVersionNumber() {
        Product product = new Product("SCANDI-PEN", List.of(Batch.inWarehouse("b1", "SCANDI-PEN", 100)), 7);

        product.allocate(new OrderLine("oref", "SCANDI-PEN", 10));

        assertThat(product.versionNumber()).isEqualTo(8);
    }

    @Test
    void allocatingALineAlreadyAllocatedReturnsItsBatchAndRecordsNothing() {
        Batch early = Batch.inWarehouse("early", "RUG", 10);
        Batch late = Batch.inShipment("late", "RUG", 10, TOMORROW);
        Product product = new Product("RUG", List.of(early, late), 0);
        OrderLine line = new OrderLine("o1", "RUG", 8);
        product.allocate(line);
        product.pullEvents();

        var again = product.allocate(line);

        assertThat(again).contains("early");
        assertThat(early.availableQuantity()).isEqualTo(2);
        assertThat(product.pullEvents()).isEmpty();
        assertThat(product.versionNumber()).isEqualTo(1);
    }

    @Test
    void outOfStockChangesNothingButRecordsTheEvent() {
        Product product = new Product("RUG", List.of(Batch.inWarehouse("b", "RUG", 1)), 3);

        product.allocate(new OrderLine("o1", "RUG", 2));

        assertThat(product.versionNumber()).isEqualTo(3);
        assertThat(product.pullEvents()).containsExactly(new OutOfStock("RUG"));
    }

    @Test
    void shrinkingABatchDeallocatesItsNewestLinesAndRecordsEachOne() {
        Batch batch = Batch.inWarehouse("b1", "DESK", 20);
        Product product = new Product("DESK", List.of(batch), 0);
        product.allocate(new OrderLine("o1", "DESK", 10));
        product.allocate(new OrderLine("o2", "DESK", 6));
        product.allocate(new OrderLine("o3", "DESK", 4));
        product.pullEvents();

        product.changeBatchQuantity("b1", 9);

        assertThat(product.pullEvents()).containsExactly(
                new Deallocated("o3", "DESK", 4), new Deallocated("o2", "DESK", 6), new Deallocated("o1", "DESK", 10));
        assertThat(batch.availableQuantity()).isEqualTo(9);
        assertThat(product.versionNumber()).isEqualTo(4);
    }

    @Test
    void changingTheQuantityOfAnUnknownBatchIsRefused() {
        Product product = new Product("DESK", List.of(Batch.inWarehouse("b1", "DESK", 20)), 0);

        assertThatThrownBy(() -> product.changeBatchQuantity("nope", 1))
                .isInstanceOf(UnknownBatch.class).hasMessage("Unknown batch nope");
    }

    @Test
    void refusesLinesAndBatchesOfAnotherSku() {
        Product product = Product.withoutStock("DESK");

        assertThatThrownBy(() -> product.allocate(new OrderLine("o1", "CHAIR", 1))).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> product.addBatch(Batch.inWarehouse("b", "CHAIR", 1))).isInstanceOf(InvalidValue.class);
    }

    @Test
    void addingABatchChangesTheVersion() {
        Product product = Product.withoutStock("DESK");

        product.addBatch(Batch.inWarehouse("b1", "DESK", 5));

        assertThat(product.versionNumber()).isEqualTo(1);
        assertThat(product.batches()).extracting(Batch::reference).containsExactly("b1");
        assertThatThrownBy(() -> product.addBatch(Batch.inWarehouse("b1", "DESK", 5))).isInstanceOf(InvalidValue.class);
    }

    @Test
    void aCopyIsIndependentOfTheOriginal() {
        Product original = new Product("DESK", List.of(Batch.inWarehouse("b1", "DESK", 5)), 2);
        Product copy = original.copy();

        copy.allocate(new OrderLine("o1", "DESK", 5));

        assertThat(original.batch("b1").orElseThrow().availableQuantity()).isEqualTo(5);
        assertThat(original.versionNumber()).isEqualTo(2);
        assertThat(copy.versionNumber()).isEqualTo(3);
    }

    @Test
    void aBatchShrunkToNothingCanBeCopied() {
        Product product = new Product("DESK", List.of(Batch.inWarehouse("b1", "DESK", 5)), 0);
        product.changeBatchQuantity("b1", 0);

        Product copy = product.copy();

        assertThat(copy.batch("b1").orElseThrow().purchasedQuantity()).isZero();
    }
}
