package org.allocation.service.fakes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.InMemoryAllocationsView;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.AllocationsView;
import org.allocation.service.retry.Backoff;

/** The real bus, wired by the real bootstrap, over fakes a test can inspect. */
public final class TestBus {

    public final FakeUnitOfWorkFactory unitsOfWork = new FakeUnitOfWorkFactory();
    public final FakeNotifications notifications = new FakeNotifications();
    public final FakeEventPublisher publisher = new FakeEventPublisher();
    /** The pauses the retry policy asked for, instead of sleeping through them. */
    public final List<Duration> retryPauses = new CopyOnWriteArrayList<>();
    public final MessageBus bus = Bootstrap.messageBus(unitsOfWork, notifications, publisher,
            new RetryPolicy(5, new Backoff(Duration.ofMillis(2), Duration.ofMillis(50), Backoff.Jitter.FULL),
                    retryPauses::add));
    public final AllocationsView views = new InMemoryAllocationsView(unitsOfWork.store());
}
