package org.allocation.consumer;

import java.util.function.Supplier;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.retry.Backoff;
import org.allocation.service.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outlasts lost races: a message on a product that another process keeps changing (every HTTP request on a hot
 * SKU) can lose all of the bus's quick retries. Losing a race says nothing against the message: handled again on
 * fresh data it succeeds, so it is never dead-lettered for that. It waits for its turn in rounds of the bus's
 * retries, pausing between them as its {@link Backoff} says ({@link Backoff#LOST_RACE_ROUNDS} in production),
 * for as long as it takes; only a stopping consumer (the thread interrupted) gives up, with the last conflict.
 *
 * <p>Beside {@link StorageRetry}, which rides out storage being away: a message that meets both is retried by
 * this around that.
 */
final class LostRaceRetry {

    private static final Logger log = LoggerFactory.getLogger(LostRaceRetry.class);

    private final Backoff backoff;
    private final Sleeper sleeper;

    /** @param sleeper how to wait between rounds; a test's records the pauses */
    LostRaceRetry(Backoff backoff, Sleeper sleeper) {
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /** Waits 50 ms, then about 100, 200 ... at most about 1 s between rounds, half of each pause jittered. */
    static LostRaceRetry standard() {
        return new LostRaceRetry(Backoff.LOST_RACE_ROUNDS, Sleeper.THREAD);
    }

    /**
     * @param round one round of the bus's retries
     * @throws ConcurrencyConflict the last conflict, when the thread is interrupted (the consumer is stopping)
     */
    <T> T run(Supplier<T> round) {
        for (int retry = 1; ; retry++) {
            try {
                return round.get();
            } catch (ConcurrencyConflict conflict) {
                try {
                    sleeper.sleep(backoff.pause(retry));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw conflict;
                }
                log.debug("Still losing to concurrent changes; trying again: {}", conflict.getMessage());
            }
        }
    }
}
