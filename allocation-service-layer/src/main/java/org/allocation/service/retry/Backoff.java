package org.allocation.service.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before each retry: the first pause, doubled after every further failure up to a cap, with
 * or without jitter. Every retry loop of the service takes its pauses from one of these; the constants below
 * are all of them, one per kind of failure waited out, so that a newcomer finds every retry's numbers here.
 *
 * @param first  the pause (or, with jitter, the longest pause) before the first retry
 * @param cap    the longest pause before any retry
 * @param jitter how much of each pause is random
 */
public record Backoff(Duration first, Duration cap, Jitter jitter) {

    /** How much of a pause is random; the randomness keeps the losers of one race from colliding in lockstep. */
    public enum Jitter {
        /** The whole pause, always. */
        NONE,
        /** Between half the pause and the whole. */
        HALF,
        /** Between zero and the whole pause ("full jitter"). */
        FULL
    }

    /** Lost a race, in the bus: 10 quick attempts, at most 2 ms before the second, 100 ms before any. */
    public static final Backoff LOST_RACE = new Backoff(Duration.ofMillis(2), Duration.ofMillis(100), Jitter.FULL);
    /**
     * Lost every one of the bus's attempts, in the consumer: rounds of them, 50 ms apart doubling to 1 s, for as
     * long as it takes; a change on a hot SKU waits at most about a second for its turn.
     */
    public static final Backoff LOST_RACE_ROUNDS = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1),
            Jitter.HALF);
    /** Storage away, for a message the consumer holds: 0.2 s doubling to 5 s (for the patience it is given). */
    public static final Backoff STORAGE_AWAY = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Jitter.NONE);
    /**
     * Redis (or, for a stream entry handed back, storage) away, in the stream reader: 0.1 s doubling to 1 s, so
     * that after a failover the reader is back within a second of the promoted primary.
     */
    public static final Backoff REDIS_AWAY = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Jitter.NONE);
    /**
     * Redis or storage away, in the outbox relay: 0.1 s doubling to 5 s; the events wait in the database, and a
     * nudge or the sweep starts a new pass anyway.
     */
    public static final Backoff RELAY_AWAY = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), Jitter.NONE);
    /** Another relayer holds the outbox a long time: 1 ms doubling to 50 ms, so rows are not left for the sweep. */
    public static final Backoff OUTBOX_BUSY = new Backoff(Duration.ofMillis(1), Duration.ofMillis(50), Jitter.NONE);
    /** No pause at all. */
    public static final Backoff NONE = new Backoff(Duration.ZERO, Duration.ZERO, Jitter.NONE);

    /**
     * Checks the pauses.
     *
     * @param first  the pause (or, with jitter, the longest pause) before the first retry
     * @param cap    the longest pause before any retry
     * @param jitter how much of each pause is random
     * @throws IllegalArgumentException when a pause is negative, or the cap below the first pause
     */
    public Backoff {
        if (first.isNegative() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 <= first <= cap, was " + first + " and " + cap);
        }
    }

    /**
     * The pause before a retry.
     *
     * @param retry which retry: 1 for the first (the attempt after the first failure)
     * @return {@code first} doubled {@code retry - 1} times, at most {@code cap}, then jittered
     */
    public Duration pause(int retry) {
        long ceiling = ceilingNanos(Math.max(retry, 1));
        long pause = switch (jitter) {
            case NONE -> ceiling;
            case HALF -> ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
            case FULL -> ThreadLocalRandom.current().nextLong(ceiling + 1);
        };
        return Duration.ofNanos(pause);
    }

    private long ceilingNanos(int retry) {
        long firstNanos = first.toNanos();
        int doublings = retry - 1;
        // Shifting a bit into the sign would overflow: such a pause is past any cap.
        boolean pastTheCap = doublings >= Long.numberOfLeadingZeros(firstNanos) - 1;
        return pastTheCap ? cap.toNanos() : Math.min(cap.toNanos(), firstNanos << doublings);
    }
}
