package org.allocation.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.allocation.adapters.config.Persistence;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.InMemoryEventPublisher;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Within one process, units of work on one product take turns instead of racing; across processes, a unit of work
 * started to take its turn (after a lost race) cannot lose again.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Persistence.class)
class TurnTakingIT {

    @Parameter
    Persistence persistence;

    @RegisterExtension
    static final TestStorage storage = TestStorage.create();

    @Test
    void threadsAllocatingOnOneBusySkuNeverLoseARace() throws Exception {
        String sku = TestRedis.unique("BUSY-CHAIR");
        MessageBus bus = Bootstrap.messageBus(storage.unitsOfWork(persistence), new LoggingNotifications(),
                new InMemoryEventPublisher(), RetryPolicy.none());
        bus.handle(CreateBatch.inWarehouse("batch-" + sku, sku, 1000));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Callable<String>> allocations = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            Allocate allocate = new Allocate("order-" + i, sku, 1);
            allocations.add(() -> bus.handle(allocate).orElseThrow());
        }

        List<Future<String>> results = threads.invokeAll(allocations, 60, TimeUnit.SECONDS);
        threads.shutdown();

        for (Future<String> result : results) {
            assertThat(result.get()).isEqualTo("batch-" + sku);
        }
        assertThat(storage.value("SELECT allocated_quantity FROM batches WHERE sku = ?", sku)).isEqualTo(80);
        assertThat(storage.value("SELECT version_number FROM products WHERE sku = ?", sku)).isEqualTo(81);
    }

    @Test
    void aUnitOfWorkTakingItsTurnCannotLoseToAChangeFromAnotherProcess() throws Exception {
        String sku = TestRedis.unique("TURN-TABLE");
        Bootstrap.messageBus(storage.unitsOfWork(persistence), new LoggingNotifications(), new InMemoryEventPublisher(),
                RetryPolicy.none()).handle(CreateBatch.inWarehouse("batch-" + sku, sku, 100));
        // Two factories: two processes, which do not share their in-process turns.
        UnitOfWorkFactory thisProcess = storage.unitsOfWork(persistence);
        UnitOfWorkFactory otherProcess = storage.unitsOfWork(persistence);
        ExecutorService other = Executors.newSingleThreadExecutor();

        try (UnitOfWork turn = thisProcess.startTakingTurns()) {
            OrderLine mine = new OrderLine("mine", sku, 1);
            Product product = turn.products().getForAllocation(mine).orElseThrow();
            Future<?> racing = other.submit(() -> allocate(otherProcess, new OrderLine("theirs", sku, 1)));
            awaitABackendWaitingForALock();
            product.allocate(mine);
            turn.commit();

            assertThatThrownBy(() -> racing.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ConcurrencyConflict.class);
        } finally {
            other.shutdownNow();
        }
        assertThat(storage.rows("SELECT orderid FROM allocations WHERE sku = ?", sku)).containsExactly(List.of("mine"));
    }

    @Test
    void aUnitOfWorkThatWaitedForItsTurnReadsWhatTheOtherCommittedAndSucceeds() throws Exception {
        String sku = TestRedis.unique("TURN-BENCH");
        Bootstrap.messageBus(storage.unitsOfWork(persistence), new LoggingNotifications(), new InMemoryEventPublisher(),
                RetryPolicy.none()).handle(CreateBatch.inWarehouse("batch-" + sku, sku, 2));
        UnitOfWorkFactory thisProcess = storage.unitsOfWork(persistence);
        UnitOfWorkFactory otherProcess = storage.unitsOfWork(persistence);
        ExecutorService other = Executors.newSingleThreadExecutor();

        try (UnitOfWork first = thisProcess.startTakingTurns()) {
            OrderLine mine = new OrderLine("first", sku, 1);
            Product product = first.products().getForAllocation(mine).orElseThrow();
            Future<?> waiting = other.submit(() -> {
                try (UnitOfWork second = otherProcess.startTakingTurns()) {
                    OrderLine theirs = new OrderLine("second", sku, 1);
                    second.products().getForAllocation(theirs).orElseThrow().allocate(theirs);
                    second.commit();
                }
            });
            awaitABackendWaitingForALock();
            product.allocate(mine);
            first.commit();

            waiting.get(30, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertThat(storage.value("SELECT allocated_quantity FROM batches WHERE sku = ?", sku)).isEqualTo(2);
        assertThat(storage.value("SELECT version_number FROM products WHERE sku = ?", sku)).isEqualTo(3);
    }

    private static void allocate(UnitOfWorkFactory unitsOfWork, OrderLine line) {
        try (UnitOfWork uow = unitsOfWork.start()) {
            uow.products().getForAllocation(line).orElseThrow().allocate(line);
            uow.commit();
        }
    }

    private static void awaitABackendWaitingForALock() {
        await("a transaction waiting for the product's row").atMost(Duration.ofSeconds(30))
                .until(() -> ((Number) storage.value("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")).longValue() > 0);
    }
}
