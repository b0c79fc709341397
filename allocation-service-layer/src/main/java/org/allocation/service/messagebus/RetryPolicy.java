package org.allocation.service.messagebus;

import java.util.function.Supplier;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.retry.Backoff;
import org.allocation.service.retry.Sleeper;

/**
 * How often and how patiently a message that lost an optimistic-concurrency race is handled again: up to
 * {@code maxAttempts} attempts in all, pausing before each new one as its {@link Backoff} says
 * ({@link Backoff#LOST_RACE} in production: a random time up to a doubling ceiling, so that the losers of one
 * race do not collide again in lockstep).
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;

    /**
     * A policy of this many attempts and these pauses.
     *
     * @param maxAttempts attempts in all, the first included; at least 1
     * @param backoff     the pause before each retry
     * @param sleeper     how to wait
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1
     */
    public RetryPolicy(int maxAttempts, Backoff backoff, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /**
     * Ten attempts, pausing as {@link Backoff#LOST_RACE} says: what both processes use.
     *
     * @return the policy
     */
    public static RetryPolicy standard() {
        return new RetryPolicy(10, Backoff.LOST_RACE, Sleeper.THREAD);
    }

    /**
     * A single attempt: conflicts reach the caller at once.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Backoff.NONE, pause -> { });
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
                pauseBefore(attemptNumber);
            }
        }
    }

    private void pauseBefore(int retry) {
        try {
            sleeper.sleep(backoff.pause(retry));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ConcurrencyConflict("Interrupted while waiting to retry", interrupted);
        }
    }
}
