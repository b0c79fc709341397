package org.allocation.consumer;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.allocation.service.retry.Backoff;
import org.allocation.service.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one stream entry until its outcome is final, on a worker's thread: handled and committed, recognised
 * as handled before, or dead-lettered. Only then may the entry be acknowledged.
 *
 * <ul>
 *   <li>While storage is down (or, for a dead letter, Redis), the entry is tried again in place, pausing as
 *       {@link Backoff#REDIS_AWAY} says, for as long as it takes: it stays ours and pending, and nothing with
 *       its key overtakes it (they wait behind it on its worker).</li>
 *   <li>An entry delivered more than {@code maxDeliveries} times is dead-lettered unhandled: whatever it does
 *       keeps killing its consumers.</li>
 *   <li>An entry deleted from its stream (trimmed) while it was pending has nothing left to handle: it is
 *       settled as it is.</li>
 * </ul>
 */
final class EntrySettler {

    private static final Logger log = LoggerFactory.getLogger(EntrySettler.class);

    private final MessageHandler handler;
    private final int maxDeliveries;
    private final BooleanSupplier running;
    private final Sleeper untilStopped;

    /**
     * @param maxDeliveries deliveries of one entry before it is dead-lettered without being handled
     * @param running       whether the consumer still runs: a stopping one leaves the entry pending
     */
    EntrySettler(MessageHandler handler, int maxDeliveries, BooleanSupplier running) {
        this.handler = handler;
        this.maxDeliveries = maxDeliveries;
        this.running = running;
        this.untilStopped = Sleeper.whileRunning(running);
    }

    /** @return false when the consumer stopped first: the entry stays pending */
    boolean settle(StreamEntry entry) {
        if (!running.getAsBoolean()) {
            return false;
        }
        MessageHandler.Outcome outcome = outcomeOf(entry);
        for (int retry = 1; outcome == MessageHandler.Outcome.RETRY_LATER || outcome == MessageHandler.Outcome.LOST;
                retry++) {
            if (!sleep(Backoff.REDIS_AWAY.pause(retry))) {
                return false;
            }
            outcome = outcomeOf(entry);
        }
        return true;
    }

    private MessageHandler.Outcome outcomeOf(StreamEntry entry) {
        if (entry.fields() == null) {
            log.warn("Entry {} of {} was deleted while pending; acknowledging it", entry.id(), entry.stream());
            return MessageHandler.Outcome.DEAD_LETTERED;
        }
        if (entry.deliveries() > maxDeliveries) {
            return handler.giveUp(entry.stream(), entry.id(), entry.fields(), entry.deliveries());
        }
        return handler.handleEntry(entry.stream(), entry.id(), entry.fields());
    }

    /** @return false when stopped (or interrupted, which only a stop does) meanwhile */
    private boolean sleep(Duration pause) {
        try {
            untilStopped.sleep(pause);
            return running.getAsBoolean();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
