package org.allocation.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.allocation.adapters.config.Persistence;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.domain.events.Deallocated;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loading a product to allocate one line leaves out what cannot matter (exhausted batches, other orders'
 * lines), and that must never change what allocating does or what is stored.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Persistence.class)
class AllocationLoadingIT {

    @Parameter
    Persistence persistence;

    @RegisterExtension
    static final TestStorage storage = TestStorage.create();

    @Test
    void loadsOnlyTheBatchesThatCanTakeTheLineOrHoldOneOfItsOrder() {
        String sku = TestRedis.unique("LOADING-SOFA");
        givenProduct(sku, Batch.inWarehouse("full-" + sku, sku, 2), Batch.inWarehouse("open-" + sku, sku, 10),
                Batch.inWarehouse("held-" + sku, sku, 3));
        allocate(sku, new OrderLine("filler", sku, 2));
        allocate(sku, new OrderLine("filler-2", sku, 10));
        allocate(sku, new OrderLine("mine", sku, 3));

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().getForAllocation(new OrderLine("mine", sku, 1)).orElseThrow();

            assertThat(product.batches()).extracting(Batch::reference).containsExactly("held-" + sku);
            assertThat(product.batches().get(0).allocations()).containsExactly(new OrderLine("mine", sku, 3));
        }
    }

    @Test
    void aLineAlreadyAllocatedToAnExhaustedBatchIsRecognised() {
        String sku = TestRedis.unique("LOADING-DESK");
        givenProduct(sku, Batch.inWarehouse("first-" + sku, sku, 5), Batch.inWarehouse("second-" + sku, sku, 50));
        OrderLine line = new OrderLine("o1", sku, 5);
        allocate(sku, line);

        assertThat(allocate(sku, line)).isEqualTo("first-" + sku);
        assertThat(storage.value("SELECT count(*) FROM allocations WHERE orderid = 'o1' AND sku = ?", sku))
                .isEqualTo(1L);
    }

    @Test
    void allocatingWithAPartialViewKeepsEveryOtherAllocation() {
        String sku = TestRedis.unique("LOADING-LAMP");
        givenProduct(sku, Batch.inWarehouse("b-" + sku, sku, 100));
        for (int i = 0; i < 20; i++) {
            allocate(sku, new OrderLine("o" + i, sku, 1));
        }

        allocate(sku, new OrderLine("last", sku, 1));

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Batch batch = uow.products().get(sku).orElseThrow().batches().get(0);
            assertThat(batch.allocations()).hasSize(21).first().isEqualTo(new OrderLine("o0", sku, 1));
            assertThat(batch.allocations()).last().isEqualTo(new OrderLine("last", sku, 1));
            assertThat(batch.availableQuantity()).isEqualTo(79);
        }
    }

    @Test
    void aShrinkAfterPartialAllocationsGivesBackTheNewestLinesFirst() {
        String sku = TestRedis.unique("LOADING-RUG");
        givenProduct(sku, Batch.inWarehouse("b-" + sku, sku, 10));
        allocate(sku, new OrderLine("old", sku, 4));
        allocate(sku, new OrderLine("mid", sku, 3));
        allocate(sku, new OrderLine("new", sku, 3));

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().getByBatchRef("b-" + sku).orElseThrow();
            product.changeBatchQuantity("b-" + sku, 5);
            uow.commit();

            assertThat(uow.collectNewEvents()).containsExactly(
                    new Deallocated("new", sku, 3), new Deallocated("mid", sku, 3));
        }
        assertThat(storage.rows("SELECT orderid FROM allocations WHERE sku = ?", sku))
                .containsExactly(List.of("old"));
    }

    private void givenProduct(String sku, Batch... batches) {
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().add(new Product(sku, List.of(batches), 0));
            uow.commit();
        }
    }

    private String allocate(String sku, OrderLine line) {
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            String batchref = uow.products().getForAllocation(line).orElseThrow().allocate(line).orElseThrow();
            uow.commit();
            return batchref;
        }
    }
}
