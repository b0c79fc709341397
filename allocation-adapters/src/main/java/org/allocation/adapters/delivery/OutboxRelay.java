package org.allocation.adapters.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.allocation.service.retry.Backoff;
import org.allocation.service.retry.Sleeper;
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
    private final AtomicBoolean nudged = new AtomicBoolean(true);
    /** Nudges so far; each drain covers every nudge counted before it began. */
    private final AtomicLong nudges = new AtomicLong();
    /** The nudges covered by the last drain that completed; guarded by {@code this} for waiting. */
    private long drainedNudges;
    private final Thread thread;
    private volatile boolean running = true;
    /** Waits the whole pause (a nudge does not shorten it: the outage is what we wait for) unless stopped. */
    private final Sleeper untilStopped = Sleeper.whileRunning(() -> running);

    public OutboxRelay(OutboxStore outbox, OutboundDelivery delivery, Options options) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.options = options;
        this.thread = new Thread(this::run, "outbox-relay");
        this.thread.setDaemon(true);
    }

    /** Starts relaying, beginning with whatever the outbox holds already. */
    public OutboxRelay start() {
        thread.start();
        return this;
    }

    /** Asks for a pass soon; cheap, never blocks, and many nudges before the pass make one pass. */
    public void nudge() {
        nudgeCounted();
    }

    /**
     * Nudges, then waits until a pass begun after this call has relayed everything committed before it (ours
     * or, by another relayer, sent before it let go of the outbox), or until the patience runs out. Many
     * callers waiting at once share the same passes.
     *
     * @return true when relayed; false after the patience, when the rows stay for the relay to send later
     */
    public boolean relayAndAwait(Duration patience) {
        long nudge = nudgeCounted();
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            try {
                long left;
                while (drainedNudges < nudge && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return drainedNudges >= nudge;
        }
    }

    private long nudgeCounted() {
        long nudge = nudges.incrementAndGet();
        if (!nudged.getAndSet(true)) {
            LockSupport.unpark(thread);
        }
        return nudge;
    }

    /** Stops after the batch in hand; rows left in the outbox are relayed by the next relayer to run. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            awaitNudgeOrSweep();
            // Read after the nudge flag was cleared: a later nudge sets it again and makes another drain.
            long covered = nudges.get();
            if (running && drain()) {
                synchronized (this) {
                    drainedNudges = covered;
                    notifyAll();
                }
            }
        }
    }

    private void awaitNudgeOrSweep() {
        long deadline = System.nanoTime() + options.sweepInterval().toNanos();
        while (running && !nudged.get()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        nudged.set(false);
    }

    /** @return true once the outbox was drained; false when stopped first */
    private boolean drain() {
        int busy = 0;
        int failures = 0;
        while (running) {
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
                    pauseFor(Backoff.OUTBOX_BUSY.pause(busy));
                }
            } catch (RuntimeException failure) {
                failures++;
                if (failures == 1) {
                    log.warn("Cannot relay the outbox ({}); the events wait in the database, retrying",
                            failure.getMessage());
                } else {
                    log.debug("Relaying the outbox failed again ({})", failure.toString());
                }
                pauseFor(options.whenAway().pause(failures));
            }
        }
        return false;
    }

    private void pauseFor(Duration pause) {
        try {
            untilStopped.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "OutboxRelay[batch " + options.batchSize() + ", sweep every "
                + TimeUnit.NANOSECONDS.toMillis(options.sweepInterval().toNanos()) + " ms]";
    }
}
