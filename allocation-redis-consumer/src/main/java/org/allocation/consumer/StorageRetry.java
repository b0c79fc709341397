package org.allocation.consumer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.allocation.service.ports.StorageUnavailable;

/**
 * Rides out a storage outage: a message that fails with {@link StorageUnavailable} is tried again, waiting
 * {@code firstPause} and then twice as long each time up to {@code longestPause}, until the outage has
 * lasted {@code patience}. Then it gives up and rethrows, so the message is dead-lettered.
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

    /** Waits; a test replaces it to advance a fake clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final long NO_OUTAGE = Long.MIN_VALUE;

    private final Duration firstPause;
    private final Duration longestPause;
    private final Duration patience;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final AtomicLong outageStartedAt = new AtomicLong(NO_OUTAGE);
    private volatile boolean outOfPatience;

    public StorageRetry(Duration firstPause, Duration longestPause, Duration patience, LongSupplier nanoTime,
                        Sleeper sleeper) {
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.patience = patience;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Waits 0.2 s, then 0.4, 0.8 ... at most 5 s between attempts, for an outage of up to 60 s. */
    public static StorageRetry standard() {
        return new StorageRetry(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60),
                System::nanoTime, duration -> Thread.sleep(duration.toMillis()));
    }

    public Duration patience() {
        return patience;
    }

    /**
     * @throws StorageUnavailable the last failure, once the outage has outlasted the patience, or at once
     *                            when the thread is interrupted (the consumer is stopping)
     */
    public <T> T run(Supplier<T> attempt) {
        Duration pause = firstPause;
        while (true) {
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
                if (outOfPatience || now - startedAt + pause.toNanos() > patience.toNanos()) {
                    outOfPatience = true;
                    throw down;
                }
                pauseFor(pause, down);
                pause = pause.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : pause.multipliedBy(2);
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
