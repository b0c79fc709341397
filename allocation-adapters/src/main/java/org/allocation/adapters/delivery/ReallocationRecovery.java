package org.allocation.adapters.delivery;

import java.time.Duration;
import java.util.List;
import org.allocation.domain.events.Deallocated;
import org.allocation.service.messagebus.MessageBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes reallocations that a process began and never committed (it was killed between the commit that
 * deallocated a line and the one that allocates it again). The bus handles each line's {@code Deallocated}
 * again; allocating is idempotent in the domain, so a reallocation that did happen meanwhile is harmless, and
 * the commit that allocates the line removes it from the pending ones. The cause of such a line is long gone, so
 * nothing correlates what it causes ({@link MessageBus#handleRecovered}): each outgoing event is its own
 * correlation.
 */
public final class ReallocationRecovery implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReallocationRecovery.class);
    private static final int BATCH = 500;

    private final PendingReallocations pending;
    private final MessageBus bus;
    private final Duration age;

    /** @param age how long a line must have waited before it counts as abandoned */
    public ReallocationRecovery(PendingReallocations pending, MessageBus bus, Duration age) {
        this.pending = pending;
        this.bus = bus;
        this.age = age;
    }

    @Override
    public void run() {
        try {
            List<Deallocated> abandoned = pending.olderThan(age, BATCH);
            if (!abandoned.isEmpty()) {
                log.warn("Reallocating {} lines whose reallocation never committed", abandoned.size());
            }
            abandoned.forEach(bus::handleRecovered);
        } catch (RuntimeException failure) {
            // The next run tries again; the rows stay until a reallocation commits.
            log.warn("Recovering pending reallocations failed: {}", failure.getMessage());
        }
    }
}
