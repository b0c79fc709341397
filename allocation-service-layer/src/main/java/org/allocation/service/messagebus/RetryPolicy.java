package org.allocation.service.messagebus;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.allocation.service.ports.ConcurrencyConflict;

/**
 * How often and how patiently a message that lost an optimistic-concurrency race is handled again: up to
 * {@code maxAttempts} attempts in all, waiting a random time between zero and an exponentially growing
 * ceiling before each new one. The randomness ("full jitter") keeps the losers of one race from colliding
 * again in lockstep.
 */
public final class RetryPolicy {

    /** Waits; a test replaces it to record the waits instead. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits this long.
         *
         * @param duration how long, possibly zero
         * @throws InterruptedException when the thread is interrupted while it waits
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration firstCeiling;
    private final Duration maxCeiling;
    private final Sleeper sleeper;

    /**
     * A policy of this many attempts and these waits.
     *
     * @param maxAttempts  attempts in all, the first included; at least 1
     * @param firstCeiling the longest wait before the second attempt; each later ceiling doubles
     * @param maxCeiling   the longest wait before any attempt
     * @param sleeper      how to wait
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1
     */
    public RetryPolicy(int maxAttempts, Duration firstCeiling, Duration maxCeiling, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.firstCeiling = firstCeiling;
        this.maxCeiling = maxCeiling;
        this.sleeper = sleeper;
    }

    /**
     * Ten attempts, waiting at most 2 ms before the second and at most 100 ms before any: what both
     * processes use.
     *
     * @return the policy
     */
    public static RetryPolicy standard() {
        return new RetryPolicy(10, Duration.ofMillis(2), Duration.ofMillis(100),
                duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    /**
     * A single attempt: conflicts reach the caller at once.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, duration -> { });
    }

    /**
     * How many attempts in all, the first included.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Runs the attempt until it returns without {@link ConcurrencyConflict}, or rethrows the last conflict
     * once every attempt lost.
     *
     * @param <T>     what the attempt answers
     * @param attempt one attempt; it must start afresh each time (a new unit of work)
     * @return the answer of the first attempt that did not lose
     * @throws ConcurrencyConflict the last conflict, when every attempt lost, or when the thread was interrupted
     *                             while it waited
     */
    public <T> T run(Supplier<T> attempt) {
        return run(attempt, () -> { });
    }

    /**
     * As {@link #run(Supplier)}, calling {@code beforeRetry} before each attempt after the first.
     *
     * @param <T>         what the attempt answers
     * @param attempt     one attempt; it must start afresh each time (a new unit of work)
     * @param beforeRetry told of each retry, such as a metric
     * @return the answer of the first attempt that did not lose
     * @throws ConcurrencyConflict the last conflict, when every attempt lost, or when the thread was interrupted
     *                             while it waited
     */
    public <T> T run(Supplier<T> attempt, Runnable beforeRetry) {
        for (int attemptNumber = 1; ; attemptNumber++) {
            try {
                return attempt.get();
            } catch (ConcurrencyConflict conflict) {
                if (attemptNumber >= maxAttempts) {
                    throw conflict;
                }
                beforeRetry.run();
                pauseBefore(attemptNumber + 1);
            }
        }
    }

    private void pauseBefore(int attemptNumber) {
        long ceilingNanos = Math.min(maxCeiling.toNanos(), firstCeiling.toNanos() << Math.min(attemptNumber - 2, 20));
        long pauseNanos = ceilingNanos <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceilingNanos + 1);
        try {
            sleeper.sleep(Duration.ofNanos(pauseNanos));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ConcurrencyConflict("Interrupted while waiting to retry", interrupted);
        }
    }
}
