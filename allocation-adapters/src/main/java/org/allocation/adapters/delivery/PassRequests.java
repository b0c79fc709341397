package org.allocation.adapters.delivery;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link OutboxRelay}'s passes, asked for and completed, and its stop: every wait of the relay, and of those
 * who wait for it, under one lock.
 *
 * <p>Each {@link #request()} gets a ticket, numbered in order. When the relay thread begins a pass
 * ({@link #awaitRequestOrSweep}) it takes every request made so far, so that many requests before a pass make one
 * pass; a request made during a pass starts the next one. Once the pass has drained the outbox, the relay reports
 * its tickets {@link #completed}, and every caller waiting for one of them ({@link #awaitPass}) returns.
 */
final class PassRequests {

    private final ReentrantLock lock = new ReentrantLock();
    /** The relay thread waits here: for a request, the end of a pause, or the stop. */
    private final Condition requestedOrStopped = lock.newCondition();
    /** Callers of {@link #awaitPass} wait here. */
    private final Condition passCompleted = lock.newCondition();
    /** The last ticket given out. */
    private long requested;
    /** The last ticket a pass has taken: the requests the pass under way (or the last one) covers. */
    private long taken;
    /** The last ticket a completed pass covered. */
    private long completed;
    private boolean stopped;

    /**
     * Asks for a pass. It never waits for the pass, only (briefly) for the lock.
     *
     * @return the ticket to {@link #awaitPass await} the pass that covers this request
     */
    long request() {
        lock.lock();
        try {
            requested++;
            requestedOrStopped.signal();
            return requested;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a pass covering {@code ticket} has completed, or until the patience runs out. Returns at once
     * when the thread is interrupted, leaving it interrupted.
     *
     * @return whether the pass completed
     */
    boolean awaitPass(long ticket, Duration patience) {
        lock.lock();
        try {
            try {
                long left = patience.toNanos();
                while (completed < ticket && left > 0) {
                    left = passCompleted.awaitNanos(left);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return completed >= ticket;
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the relay thread: waits for a request not yet taken, for the sweep interval, or for the stop, whichever
     * comes first; then takes every request made so far.
     *
     * @return the ticket that the pass about to begin covers, to report {@link #completed}
     */
    long awaitRequestOrSweep(Duration sweepInterval) throws InterruptedException {
        lock.lock();
        try {
            long left = sweepInterval.toNanos();
            while (!stopped && taken == requested && left > 0) {
                left = requestedOrStopped.awaitNanos(left);
            }
            taken = requested;
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** For the relay thread: the pass that covered {@code ticket} (and every ticket before it) is done. */
    void completed(long ticket) {
        lock.lock();
        try {
            completed = Math.max(completed, ticket);
            passCompleted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the relay thread: waits the whole pause, unless stopped first. A request does not shorten it: what the
     * relay waits out is an outage or a busy outbox, which a new row does not end.
     */
    void pause(Duration pause) throws InterruptedException {
        lock.lock();
        try {
            long left = pause.toNanos();
            while (!stopped && left > 0) {
                left = requestedOrStopped.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the relay thread's waits, now and later; callers of {@link #awaitPass} still wait their patience. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            requestedOrStopped.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean stopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }
}
