package org.allocation.service.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.UnitOfWork;
import org.junit.jupiter.api.Test;

class InMemoryAllocationTest {

    @Test
    void runsTheWholeServiceWithoutAServer() {
        InMemoryAllocation allocation = InMemoryAllocation.start();
        List<Event> heard = new ArrayList<>();
        allocation.publisher().subscribe((channel, event) -> heard.add(event));
        allocation.bus().handle(CreateBatch.inWarehouse("batch-1", "LAMP", 20));

        Optional<String> batchref = allocation.bus().handle(new Allocate("order-1", "LAMP", 2));

        assertThat(batchref).contains("batch-1");
        assertThat(heard).containsExactly(new Allocated("order-1", "LAMP", 2, "batch-1"));
        assertThat(allocation.views().allocationsFor("order-1")).hasSize(1);
    }

    @Test
    void neverOverAllocatesUnderConcurrentLoad() throws Exception {
        InMemoryAllocation allocation = InMemoryAllocation.start();
        allocation.bus().handle(CreateBatch.inWarehouse("batch-1", "LAMP", 50));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Optional<String>>> orders = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String orderid = "order-" + i;
            orders.add(() -> allocation.bus().handle(new Allocate(orderid, "LAMP", 1)));
        }

        List<Future<Optional<String>>> results = pool.invokeAll(orders);
        pool.shutdown();

        long allocated = 0;
        for (Future<Optional<String>> result : results) {
            allocated += result.get().isPresent() ? 1 : 0;
        }
        assertThat(allocated).isEqualTo(50);
    }

    @Test
    void aChangeNotCommittedNeverReachesTheStore() {
        InMemoryProductStore store = new InMemoryProductStore();
        try (UnitOfWork uow = new InMemoryUnitOfWork(store)) {
            uow.products().add(org.allocation.domain.model.Product.withoutStock("LAMP"));
        }

        try (UnitOfWork uow = new InMemoryUnitOfWork(store)) {
            assertThat(uow.products().get("LAMP")).isEmpty();
        }
    }

    @Test
    void theSecondOfTwoConcurrentChangesIsRefused() {
        InMemoryProductStore store = new InMemoryProductStore();
        try (UnitOfWork uow = new InMemoryUnitOfWork(store)) {
            var product = org.allocation.domain.model.Product.withoutStock("LAMP");
            product.addBatch(org.allocation.domain.model.Batch.inWarehouse("b1", "LAMP", 10));
            uow.products().add(product);
            uow.commit();
        }
        UnitOfWork first = new InMemoryUnitOfWork(store);
        UnitOfWork second = new InMemoryUnitOfWork(store);
        first.products().get("LAMP").orElseThrow()
                .allocate(new org.allocation.domain.model.OrderLine("o1", "LAMP", 1));
        second.products().get("LAMP").orElseThrow()
                .allocate(new org.allocation.domain.model.OrderLine("o2", "LAMP", 1));

        first.commit();

        org.assertj.core.api.Assertions.assertThatThrownBy(second::commit).isInstanceOf(ConcurrencyConflict.class);
        try (UnitOfWork uow = new InMemoryUnitOfWork(store)) {
            var product = uow.products().get("LAMP").orElseThrow();
            assertThat(product.versionNumber()).isEqualTo(2);
            assertThat(product.batch("b1").orElseThrow().availableQuantity()).isEqualTo(9);
        }
    }
}
