package org.allocation.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.allocation.adapters.config.Persistence;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The book's unit-of-work tests, against PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(Persistence.class)
class UnitOfWorkIT {

    @Parameter
    Persistence persistence;

    @RegisterExtension
    static final TestStorage storage = TestStorage.create();

    @Test
    void retrievesABatchAndAllocatesToIt() {
        String sku = TestRedis.unique("HIPSTER-WORKBENCH");
        insertBatch("batch1-" + sku, sku, 100, null);

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().get(sku).orElseThrow();
            product.allocate(new OrderLine("o1", sku, 10));
            uow.commit();
        }

        assertThat(allocatedBatchOf("o1", sku)).isEqualTo("batch1-" + sku);
        assertThat(storage.value("SELECT allocated_quantity FROM batches WHERE reference = ?", "batch1-" + sku))
                .isEqualTo(10);
        assertThat(versionOf(sku)).isEqualTo(2);
    }

    @Test
    void rollsBackUncommittedWorkByDefault() {
        String sku = TestRedis.unique("MEDIUM-PLINTH");

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().add(new Product(sku, List.of(Batch.inWarehouse("b-" + sku, sku, 100)), 1));
        }

        assertThat(storage.rows("SELECT * FROM batches WHERE sku = ?", sku)).isEmpty();
        assertThat(storage.rows("SELECT * FROM products WHERE sku = ?", sku)).isEmpty();
    }

    @Test
    void rollsBackOnError() {
        String sku = TestRedis.unique("LARGE-FORK");

        assertThatThrownBy(() -> {
            try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
                uow.products().add(new Product(sku, List.of(Batch.inWarehouse("b-" + sku, sku, 100)), 1));
                throw new IllegalStateException("the handler failed");
            }
        }).isInstanceOf(IllegalStateException.class);

        assertThat(storage.rows("SELECT * FROM batches WHERE sku = ?", sku)).isEmpty();
    }

    @Test
    void concurrentUpdatesToOneProductAreNotAllowed() throws Exception {
        String sku = TestRedis.unique("RETRO-CLOCK");
        insertBatch("batch-" + sku, sku, 100, null);
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);

        Future<String> first = threads.submit(() -> allocateAfterBarrier(sku, "order1", bothHaveRead));
        Future<String> second = threads.submit(() -> allocateAfterBarrier(sku, "order2", bothHaveRead));
        List<String> outcomes = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
        threads.shutdown();

        assertThat(outcomes).containsExactlyInAnyOrder("committed", "conflict");
        assertThat(versionOf(sku)).isEqualTo(2);
        assertThat(storage.rows("SELECT orderid FROM allocations WHERE sku = ?", sku)).hasSize(1);
        assertThat(storage.value("SELECT allocated_quantity FROM batches WHERE sku = ?", sku)).isEqualTo(10);
    }

    @Test
    void aProductChangedSinceItWasReadFailsTheCommitWithAConflict() {
        String sku = TestRedis.unique("SLOW-SOFA");
        insertBatch("batch-" + sku, sku, 100, null);
        UnitOfWork late = storage.unitsOfWork(persistence).start();
        Product stale = late.products().get(sku).orElseThrow();

        try (UnitOfWork early = storage.unitsOfWork(persistence).start()) {
            early.products().get(sku).orElseThrow().allocate(new OrderLine("early", sku, 1));
            early.commit();
        }
        stale.allocate(new OrderLine("late", sku, 1));

        try (late) {
            assertThatThrownBy(late::commit).isInstanceOf(ConcurrencyConflict.class);
        }
        assertThat(storage.rows("SELECT orderid FROM allocations WHERE sku = ?", sku)).containsExactly(List.of("early"));
    }

    @Test
    void aSecondCommitOfAProductChangedInBetweenConflictsAndKeepsNothingOfIt() {
        String sku = TestRedis.unique("TWICE-TABLE");
        insertBatch("batch-" + sku, sku, 100, null);

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().get(sku).orElseThrow();
            product.allocate(new OrderLine("first", sku, 1));
            uow.commit();
            // Another process changes the product between the two commits.
            storage.update("UPDATE products SET version_number = version_number + 1 WHERE sku = ?", sku);
            product.allocate(new OrderLine("second", sku, 1));

            assertThatThrownBy(uow::commit).isInstanceOf(ConcurrencyConflict.class);
        }
        assertThat(storage.rows("SELECT orderid FROM allocations WHERE sku = ?", sku)).containsExactly(List.of("first"));
        assertThat(storage.value("SELECT allocated_quantity FROM batches WHERE sku = ?", sku)).isEqualTo(1);
    }

    @Test
    void twoUnitsOfWorkCreatingTheSameProductConflict() {
        String sku = TestRedis.unique("TWIN-LAMP");
        UnitOfWork first = storage.unitsOfWork(persistence).start();
        UnitOfWork second = storage.unitsOfWork(persistence).start();
        first.products().add(new Product(sku, List.of(Batch.inWarehouse("a-" + sku, sku, 5)), 1));
        second.products().add(new Product(sku, List.of(Batch.inWarehouse("b-" + sku, sku, 5)), 1));

        try (first) {
            first.commit();
        }

        try (second) {
            assertThatThrownBy(second::commit).isInstanceOf(ConcurrencyConflict.class);
        }
        assertThat(storage.rows("SELECT reference FROM batches WHERE sku = ?", sku)).containsExactly(List.of("a-" + sku));
    }

    @Test
    void keepsAProductWithSeveralBatchesAndAllocationsInAllocationOrder() {
        String sku = TestRedis.unique("ROUND-TRIP");
        Product product = new Product(sku, List.of(
                Batch.inWarehouse("warehouse-" + sku, sku, 10),
                Batch.inShipment("shipment-" + sku, sku, 10, LocalDate.of(2031, 1, 2))), 1);
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().add(product);
            uow.commit();
        }
        for (String orderid : List.of("c", "a", "d", "b", "e")) {
            try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
                uow.products().get(sku).orElseThrow().allocate(new OrderLine(orderid, sku, 3));
                uow.commit();
            }
        }

        Product reloaded;
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            reloaded = uow.products().get(sku).orElseThrow();
            reloaded.batches().forEach(Batch::allocations);
        }

        assertThat(reloaded.versionNumber()).isEqualTo(6);
        Batch warehouse = reloaded.batch("warehouse-" + sku).orElseThrow();
        assertThat(warehouse.allocations()).extracting(OrderLine::orderid).containsExactly("c", "a", "d");
        assertThat(warehouse.allocatedQuantity()).isEqualTo(9);
        assertThat(warehouse.eta()).isEmpty();
        Batch shipment = reloaded.batch("shipment-" + sku).orElseThrow();
        assertThat(shipment.allocations()).extracting(OrderLine::orderid).containsExactly("b", "e");
        assertThat(shipment.eta()).contains(LocalDate.of(2031, 1, 2));
        assertThat(shipment.purchasedQuantity()).isEqualTo(10);
    }

    @Test
    void aShrunkBatchGivesBackItsMostRecentAllocationsAfterAReload() {
        String sku = TestRedis.unique("SHRINKING");
        insertBatch("batch-" + sku, sku, 10, null);
        for (String orderid : List.of("first", "second", "third")) {
            try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
                uow.products().get(sku).orElseThrow().allocate(new OrderLine(orderid, sku, 3));
                uow.commit();
            }
        }

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().getByBatchRef("batch-" + sku).orElseThrow();
            product.changeBatchQuantity("batch-" + sku, 4);
            uow.commit();
        }

        assertThat(storage.rows("SELECT orderid FROM allocations WHERE batch_reference = ? ORDER BY id", "batch-" + sku))
                .containsExactly(List.of("first"));
        assertThat(storage.value("SELECT allocated_quantity FROM batches WHERE reference = ?", "batch-" + sku))
                .isEqualTo(3);
    }

    @Test
    void collectsTheEventsOfTheProductsItSawOnlyAfterCommit() {
        String sku = TestRedis.unique("EVENTFUL");
        insertBatch("batch-" + sku, sku, 10, null);

        UnitOfWork uow = storage.unitsOfWork(persistence).start();
        uow.products().get(sku).orElseThrow().allocate(new OrderLine("o1", sku, 1));
        List<?> beforeCommit = uow.collectNewEvents();
        uow.commit();
        List<?> afterCommit = uow.collectNewEvents();
        uow.close();

        assertThat(beforeCommit).isEmpty();
        assertThat(afterCommit).hasSize(1);
    }

    @Test
    void aUnitOfWorkThatNeverTouchesAProductTakesNoConnection() {
        int before = storage.pool().getHikariPoolMXBean().getActiveConnections();

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            assertThat(storage.pool().getHikariPoolMXBean().getActiveConnections()).isEqualTo(before);
            uow.commit();
        }

        assertThat(storage.pool().getHikariPoolMXBean().getActiveConnections()).isEqualTo(before);
    }

    private String allocateAfterBarrier(String sku, String orderid, CyclicBarrier bothHaveRead) throws Exception {
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().get(sku).orElseThrow();
            bothHaveRead.await(10, TimeUnit.SECONDS);
            product.allocate(new OrderLine(orderid, sku, 10));
            try {
                uow.commit();
                return "committed";
            } catch (ConcurrencyConflict conflict) {
                return "conflict";
            }
        }
    }

    private static void insertBatch(String reference, String sku, int qty, LocalDate eta) {
        storage.update("INSERT INTO products (sku, version_number) VALUES (?, 1) ON CONFLICT DO NOTHING", sku);
        storage.update("INSERT INTO batches (reference, sku, purchased_quantity, eta) VALUES (?, ?, ?, ?)",
                reference, sku, qty, eta);
    }

    private static Object versionOf(String sku) {
        return storage.value("SELECT version_number FROM products WHERE sku = ?", sku);
    }

    private static Object allocatedBatchOf(String orderid, String sku) {
        return storage.value("SELECT batch_reference FROM allocations WHERE orderid = ? AND sku = ?", orderid, sku);
    }

}
