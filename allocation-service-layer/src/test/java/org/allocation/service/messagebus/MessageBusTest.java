package org.allocation.service.messagebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.Deallocated;
import org.allocation.domain.events.Event;
import org.allocation.service.fakes.FakeUnitOfWorkFactory;
import org.allocation.service.fakes.TestBus;
import org.allocation.service.handlers.AddBatchHandler;
import org.allocation.service.handlers.AllocateHandler;
import org.allocation.service.handlers.ChangeBatchQuantityHandler;
import org.allocation.service.handlers.InvalidSku;
import org.allocation.service.ports.AbstractUnitOfWork;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.retry.Backoff;
import org.junit.jupiter.api.Test;

class MessageBusTest {

    private final TestBus test = new TestBus();

    @Test
    void retriesACommandThatLostARace() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        test.unitsOfWork.loseNextRaces(2);

        var batchref = test.bus.handle(new Allocate("o1", "LAMP", 1));

        assertThat(batchref).contains("b1");
        assertThat(test.retryPauses).hasSize(2);
        assertThat(test.publisher.events()).hasSize(1);
    }

    @Test
    void aCommandThatLostARaceTakesItsTurnInEveryLaterAttempt() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        int before = test.unitsOfWork.started().size();
        test.unitsOfWork.loseNextRaces(2);

        test.bus.handle(new Allocate("o1", "LAMP", 1));

        assertThat(test.unitsOfWork.started().subList(before, before + 3))
                .containsExactly("racing", "taking turns", "taking turns");
    }

    @Test
    void givesUpAfterTheLastAttemptAndTellsTheCaller() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        test.unitsOfWork.loseNextRaces(5);

        assertThatThrownBy(() -> test.bus.handle(new Allocate("o1", "LAMP", 1)))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(test.retryPauses).hasSize(4);
        assertThat(test.publisher.events()).isEmpty();
    }

    @Test
    void waitsAtRandomWithinAGrowingCeiling() {
        List<Duration> pauses = new CopyOnWriteArrayList<>();
        RetryPolicy retry = new RetryPolicy(6, new Backoff(Duration.ofMillis(2), Duration.ofMillis(10), Backoff.Jitter.FULL),
                pauses::add);

        assertThatThrownBy(() -> retry.run(() -> {
            throw new ConcurrencyConflict("always");
        })).isInstanceOf(ConcurrencyConflict.class);

        assertThat(pauses).hasSize(5);
        List<Duration> ceilings = List.of(Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(8),
                Duration.ofMillis(10), Duration.ofMillis(10));
        for (int i = 0; i < pauses.size(); i++) {
            assertThat(pauses.get(i)).isBetween(Duration.ZERO, ceilings.get(i));
        }
    }

    @Test
    void aFailingEventHandlerStopsNeitherTheOthersNorTheCommand() {
        FakeUnitOfWorkFactory unitsOfWork = new FakeUnitOfWorkFactory();
        List<Event> heard = new CopyOnWriteArrayList<>();
        AllocateHandler allocate = new AllocateHandler();
        MessageBus bus = new MessageBus(unitsOfWork,
                Map.of(CreateBatch.class, new AddBatchHandler(), Allocate.class, allocate,
                        ChangeBatchQuantity.class, new ChangeBatchQuantityHandler()),
                Map.of(Allocated.class, List.of(
                        (event, uow) -> {
                            throw new IllegalStateException("broker down");
                        },
                        (event, uow) -> heard.add(event))),
                RetryPolicy.none(), MessageBusMonitor.NONE);
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        var batchref = bus.handle(new Allocate("o1", "LAMP", 1));

        assertThat(batchref).contains("b1");
        assertThat(heard).containsExactly(new Allocated("o1", "LAMP", 1, "b1"));
    }

    @Test
    void aFailingCommandReachesTheCallerAndCausesNoEvent() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        assertThatThrownBy(() -> test.bus.handle(new Allocate("o1", "DESK", 1)))
                .hasMessage("Invalid sku DESK");
        assertThat(test.publisher.events()).isEmpty();
        assertThat(test.notifications.sent()).isEmpty();
    }

    @Test
    void eventsAreHandledAfterCommitInTheOrderRecorded() {
        test.bus.handle(CreateBatch.inWarehouse("small", "DESK", 10));
        test.bus.handle(CreateBatch.inShipment("big", "DESK", 100, java.time.LocalDate.of(2027, 1, 1)));
        test.bus.handle(new Allocate("o1", "DESK", 2));
        test.bus.handle(new Allocate("o2", "DESK", 3));
        test.bus.handle(new Allocate("o3", "DESK", 4));
        int commitsBefore = test.unitsOfWork.commits();

        test.bus.handle(new ChangeBatchQuantity("small", 1));

        assertThat(test.publisher.events()).endsWith(
                new Allocated("o3", "DESK", 4, "big"),
                new Allocated("o2", "DESK", 3, "big"),
                new Allocated("o1", "DESK", 2, "big"));
        assertThat(test.unitsOfWork.commits() - commitsBefore).isEqualTo(4);
    }

    @Test
    void refusesToStartWithACommandNobodyHandles() {
        assertThatThrownBy(() -> new MessageBus(new FakeUnitOfWorkFactory(),
                Map.of(Allocate.class, new AllocateHandler()), Map.of(), RetryPolicy.none(), MessageBusMonitor.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CreateBatch")
                .hasMessageContaining("ChangeBatchQuantity");
    }

    @Test
    void aMessageDeliveredTwiceIsHandledOnce() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        boolean first = test.bus.handleOnce(new Allocate("o1", "LAMP", 4), "allocate:1-0", "allocate:1-0");
        boolean second = test.bus.handleOnce(new Allocate("o1", "LAMP", 4), "allocate:1-0", "allocate:1-0");

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(test.publisher.events()).containsExactly(new Allocated("o1", "LAMP", 4, "b1"));
    }

    @Test
    void aDuplicateIsRecognisedBeforeItsHandlerRuns() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        test.bus.handleOnce(new Allocate("o1", "LAMP", 4), "allocate:1-0", "allocate:1-0");
        int commitsBefore = test.unitsOfWork.commits();

        test.bus.handleOnce(new Allocate("o1", "DESK", 4), "allocate:1-0", "allocate:1-0");

        assertThat(test.unitsOfWork.commits()).isEqualTo(commitsBefore);
    }

    @Test
    void aMessageThatFailedIsNotRecordedAndCanBeHandledLater() {
        assertThatThrownBy(() -> test.bus.handleOnce(new Allocate("o1", "LAMP", 4), "allocate:1-0", "allocate:1-0"))
                .hasMessage("Invalid sku LAMP");
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        boolean handled = test.bus.handleOnce(new Allocate("o1", "LAMP", 4), "allocate:1-0", "allocate:1-0");

        assertThat(handled).isTrue();
        assertThat(test.views.allocationsFor("o1")).hasSize(1);
    }

    @Test
    void aRecoveredDeallocatedLineIsAllocatedAgain() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        test.bus.handleRecovered(new Deallocated("o1", "LAMP", 4));

        assertThat(test.publisher.events()).containsExactly(new Allocated("o1", "LAMP", 4, "b1"));
    }

    @Test
    void theBusClosesEveryUnitOfWorkItOpensWhetherTheHandlerCommittedOrFailed() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        test.bus.handle(new Allocate("o1", "LAMP", 10));
        test.bus.handle(new ChangeBatchQuantity("b1", 5));
        assertThatThrownBy(() -> test.bus.handle(new Allocate("o2", "DESK", 1))).isInstanceOf(InvalidSku.class);

        assertThat(test.unitsOfWork.started()).hasSizeGreaterThan(4);
        assertThat(test.unitsOfWork.closed()).isEqualTo(test.unitsOfWork.started().size());
    }

    @Test
    void everyUnitOfWorkACommandCausesIsGivenItsCorrelationId() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10), "request-1");
        test.bus.handle(CreateBatch.inWarehouse("b2", "LAMP", 10), "request-1");
        test.bus.handle(new Allocate("o1", "LAMP", 10), "request-1");
        int before = test.unitsOfWork.committedCorrelations().size();

        // Shrinking b1 deallocates o1; its reallocation to b2 is an event handler's commit.
        test.bus.handle(new ChangeBatchQuantity("b1", 5), "request-2");

        assertThat(test.unitsOfWork.committedCorrelations().subList(before, test.unitsOfWork.committedCorrelations().size()))
                .hasSize(2).containsOnly(Optional.of("request-2"));
    }

    @Test
    void aCorrelationIdIsCutToTheLongestKeptAndAPlaceholderIsNone() {
        test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10), "x".repeat(300));
        test.bus.handle(CreateBatch.inWarehouse("b2", "LAMP", 10), "-");
        test.bus.handle(CreateBatch.inWarehouse("b3", "LAMP", 10), " ");
        test.bus.handle(CreateBatch.inWarehouse("b4", "LAMP", 10));

        assertThat(test.unitsOfWork.committedCorrelations()).containsExactly(
                Optional.of("x".repeat(AbstractUnitOfWork.MAX_CORRELATION_ID_LENGTH)), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
