package org.allocation.service.messagebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.Bootstrap;
import org.allocation.service.fakes.FakeEventPublisher;
import org.allocation.service.fakes.FakeNotifications;
import org.allocation.service.fakes.FakeUnitOfWorkFactory;
import org.allocation.service.handlers.InvalidSku;
import org.allocation.service.retry.Backoff;
import org.junit.jupiter.api.Test;

/** The bus tells its monitor how each message went: what a metrics adapter counts. */
class MessageBusMonitorTest {

    private final FakeUnitOfWorkFactory unitsOfWork = new FakeUnitOfWorkFactory();
    private final RecordingMonitor monitor = new RecordingMonitor();
    private final MessageBus bus = Bootstrap.messageBus(unitsOfWork, new FakeNotifications(), "stock@example.com",
            new FakeEventPublisher(), new RetryPolicy(10, Backoff.NONE, pause -> { }), monitor);

    @Test
    void aCommandAndTheEventsItCausedAreEachReportedWithTheirOutcome() {
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        bus.handle(new Allocate("o1", "LAMP", 1));

        assertThat(monitor.handled).containsExactly("CreateBatch SUCCESS", "Allocate SUCCESS", "Allocated SUCCESS");
    }

    @Test
    void aFailedCommandIsReportedAsAFailure() {
        assertThatThrownBy(() -> bus.handle(new Allocate("o1", "NO-SUCH-SKU", 1))).isInstanceOf(InvalidSku.class);

        assertThat(monitor.handled).containsExactly("Allocate FAILURE");
    }

    @Test
    void everyLostRaceIsReportedAsARetryOfItsMessageType() {
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        unitsOfWork.loseNextRaces(2);

        bus.handle(new Allocate("o1", "LAMP", 1));

        assertThat(monitor.retried).containsExactly("Allocate", "Allocate");
    }

    @Test
    void aMessageHandledBeforeIsReportedAsADuplicate() {
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handleOnce(new Allocate("o1", "LAMP", 1), "allocate:1-0", "allocate:1-0");

        bus.handleOnce(new Allocate("o1", "LAMP", 1), "allocate:1-0", "allocate:1-0");

        assertThat(monitor.handled).last().isEqualTo("Allocate DUPLICATE");
    }

    private static final class RecordingMonitor implements MessageBusMonitor {

        final List<String> handled = new CopyOnWriteArrayList<>();
        final List<String> retried = new CopyOnWriteArrayList<>();

        @Override
        public void handled(Class<?> messageType, Duration took, Outcome outcome) {
            assertThat(took.isNegative()).isFalse();
            handled.add(messageType.getSimpleName() + " " + outcome);
        }

        @Override
        public void retried(Class<?> messageType) {
            retried.add(messageType.getSimpleName());
        }
    }

}
