package org.allocation.consumer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.allocation.service.ports.StorageUnavailable;
import org.allocation.service.retry.Backoff;
import org.allocation.service.retry.Sleeper;

/**
 * Rides out a storage outage: a message that fails with {@link StorageUnavailable} is tried again, pausing as
 * its {@link Backoff} says ({@link Backoff#STORAGE_AWAY} in production), until the outage has lasted
 * {@code patience}. Then it gives up and rethrows, so the message is dead-lettered.
 *
 * <p>The patience is per outage, not per message: once one message has waited it out, the messages behind
 * it get a single attempt each until storage answers again, instead of each waiting as long again while
 * the queue behind them grows. Any success ends the outage.
 *
 * <p>One instance serves all of a consumer's workers: an outage is the database's, not a worker's, so the
 * patience one worker has used up is used up for all of them. The state is a pair of atomics; two workers
 * failing at once at worst both start the clock, a few microseconds apart.
 */
public final class StorageRetry {

    private static final long NO_OUTAGE = Long.MIN_VALUE;

    private final Backoff backoff;
    private final Duration patience;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final AtomicLong outageStartedAt = new AtomicLong(NO_OUTAGE);
    private volatile boolean outOfPatience;

    /**
     * @param nanoTime the clock the outage is timed on ({@code System::nanoTime}, or a test's)
     * @param sleeper  how to wait between attempts; a test's moves its clock
     */
    public StorageRetry(Backoff backoff, Duration patience, LongSupplier nanoTime, Sleeper sleeper) {
        this.backoff = backoff;
        this.patience = patience;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Waits 0.2 s, then 0.4, 0.8 ... at most 5 s between attempts, for an outage of up to 60 s. */
    public static StorageRetry standard() {
        return new StorageRetry(Backoff.STORAGE_AWAY, Duration.ofSeconds(60), System::nanoTime, Sleeper.THREAD);
    }

    public Duration patience() {
        return patience;
    }

    /**
     * @throws StorageUnavailable the last failure, once the outage has outlasted the patience, or at once
     *                            when the thread is interrupted (the consumer is stopping)
     */
    public <T> T run(Supplier<T> attempt) {
        for (int retry = 1; ; retry++) {
            try {
                T result = attempt.get();
                if (outageStartedAt.get() != NO_OUTAGE) {
                    outageStartedAt.set(NO_OUTAGE);
                    outOfPatience = false;
                }
                return result;
            } catch (StorageUnavailable down) {
                long now = nanoTime.getAsLong();
                outageStartedAt.compareAndSet(NO_OUTAGE, now);
                long startedAt = outageStartedAt.get();
                if (startedAt == NO_OUTAGE) {
                    // Another worker got through meanwhile: this failure starts a new outage.
                    startedAt = now;
                }
                Duration pause = backoff.pause(retry);
                if (outOfPatience || now - startedAt + pause.toNanos() > patience.toNanos()) {
                    outOfPatience = true;
                    throw down;
                }
                pauseFor(pause, down);
            }
        }
    }

    private void pauseFor(Duration pause, StorageUnavailable down) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailable("Stopped while waiting for storage: " + down.getMessage(), down);
        }
    }
}
