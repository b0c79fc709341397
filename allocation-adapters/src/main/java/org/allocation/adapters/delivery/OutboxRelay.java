package org.allocation.adapters.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.allocation.service.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the outbox to the broker, on a thread of its own: woken by {@link #nudge()} right after a commit that
 * stored outgoing events (so the normal case adds no polling delay), and every {@code sweepInterval} anyway,
 * for rows that a crashed process or a broker outage left behind.
 *
 * <p>Each wake-up drains the outbox batch by batch until a batch comes back short (or empty): a row committed
 * after that batch was taken comes with a nudge of its own. When the database or the broker fails,
 * it waits (as {@code whenAway} says, {@link Backoff#RELAY_AWAY} in production) and tries the same rows again,
 * for as long as it takes: it never spins and never drops a row. When another relayer holds the outbox (the other
 * process, see {@link OutboxStore}), the store waits for it; only a holder that keeps it too long makes the
 * pass {@code BUSY}, and then it retries within milliseconds ({@link Backoff#OUTBOX_BUSY}), so that rows are not
 * left for the sweep.
 *
 * <p>Every wait (for a nudge or the sweep, for a pass to complete, a pause, the stop) is on one lock, in
 * {@link PassRequests}.
 */
public final class OutboxRelay implements AutoCloseable {

    /**
     * @param batchSize     rows taken and pipelined to the broker at once
     * @param sweepInterval how often the outbox is looked at without being nudged
     * @param whenAway      the waits between attempts while the database or the broker fails
     */
    public record Options(int batchSize, Duration sweepInterval, Backoff whenAway) {

        public static Options standard(Duration sweepInterval) {
            return new Options(500, sweepInterval, Backoff.RELAY_AWAY);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final OutboxStore outbox;
    private final OutboundDelivery delivery;
    private final Options options;
    private final PassRequests passes = new PassRequests();
    private final Thread thread;

    public OutboxRelay(OutboxStore outbox, OutboundDelivery delivery, Options options) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.options = options;
        this.thread = new Thread(this::run, "outbox-relay");
        this.thread.setDaemon(true);
    }

    /** Starts relaying, beginning with whatever the outbox holds already. */
    public OutboxRelay start() {
        passes.request();
        thread.start();
        return this;
    }

    /** Asks for a pass soon; cheap, never waits for the pass, and many nudges before the pass make one pass. */
    public void nudge() {
        passes.request();
    }

    /**
     * Nudges, then waits until a pass begun after this call has relayed everything committed before it (ours
     * or, by another relayer, sent before it let go of the outbox), or until the patience runs out. Many
     * callers waiting at once share the same passes.
     *
     * @return true when relayed; false after the patience, when the rows stay for the relay to send later
     */
    public boolean relayAndAwait(Duration patience) {
        return passes.awaitPass(passes.request(), patience);
    }

    /** Stops after the batch in hand; rows left in the outbox are relayed by the next relayer to run. */
    @Override
    public void close() {
        passes.stop();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!passes.stopped()) {
                long covered = passes.awaitRequestOrSweep(options.sweepInterval());
                if (drain()) {
                    passes.completed(covered);
                }
            }
        } catch (InterruptedException interrupted) {
            // Nothing here interrupts the relay; whoever did wants it gone: it stops as close() stops it.
        }
    }

    /** @return true once the outbox was drained; false when stopped first */
    private boolean drain() throws InterruptedException {
        int busy = 0;
        int failures = 0;
        while (!passes.stopped()) {
            try {
                int[] taken = {0};
                OutboxStore.Pass pass = outbox.relayOldest(options.batchSize(), messages -> {
                    taken[0] = messages.size();
                    delivery.deliver(messages);
                });
                if (failures > 0) {
                    log.info("Relaying the outbox again after {} failed attempts", failures);
                    failures = 0;
                }
                // A short batch was all there was: what commits after it nudges us again, so a further pass now
                // would find nothing and only cost the round trips.
                if (pass == OutboxStore.Pass.EMPTY
                        || pass == OutboxStore.Pass.RELAYED && taken[0] < options.batchSize()) {
                    return true;
                }
                busy = pass == OutboxStore.Pass.BUSY ? busy + 1 : 0;
                if (busy > 0) {
                    passes.pause(Backoff.OUTBOX_BUSY.pause(busy));
                }
            } catch (RuntimeException failure) {
                failures++;
                if (failures == 1) {
                    log.warn("Cannot relay the outbox ({}); the events wait in the database, retrying",
                            failure.getMessage());
                } else {
                    log.debug("Relaying the outbox failed again ({})", failure.toString());
                }
                passes.pause(options.whenAway().pause(failures));
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "OutboxRelay[batch " + options.batchSize() + ", sweep every "
                + TimeUnit.NANOSECONDS.toMillis(options.sweepInterval().toNanos()) + " ms]";
    }
}
