package org.allocation.consumer;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active consumer per deployment, the others hot standbys (RabbitMQ's "single active consumer"): the
 * process that holds the {@link ConsumerLease} consumes, and only it, so that a SKU's or a batch's messages
 * are handled in the order they were sent whichever process runs, and each pub/sub message once per
 * deployment rather than once per process.
 *
 * <ul>
 *   <li>A standby tries for the lease every {@code check} and does nothing else: it neither subscribes nor
 *       reads.</li>
 *   <li>On winning it, it starts consuming ({@code activate}): the {@link StreamConsumer} first takes over
 *       every entry pending in the group, whoever it was delivered to, since with one active consumer any
 *       other holder is dead or deposed.</li>
 *   <li>The active consumer confirms the lease every {@code check}. When a confirmation fails, it stops
 *       taking work at once and stands by again. Entries still in its hands are safe: their ids are recorded
 *       with their changes, so a successor that handles them again changes nothing twice.</li>
 *   <li>{@link #active()} also turns false when no confirmation succeeded for half of {@code timeout} (the
 *       process was frozen, or the checks hang): by then the server may soon give the lease to another.</li>
 * </ul>
 */
final class SingleActiveConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SingleActiveConsumer.class);

    private final ConsumerLease lease;
    private final Function<BooleanSupplier, AutoCloseable> activate;
    private final Duration check;
    private final long freshNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile AutoCloseable consuming;
    /** Set before consuming starts, so that what arrives while it starts is taken; cleared before it stops. */
    private volatile boolean holding;
    private volatile long confirmedAt;

    /**
     * @param activate starts consuming, given {@link #active()} to ask before taking more work; closing what
     *                 it returns stops consuming
     * @param check    how often a standby tries for the lease and the active consumer confirms it
     * @param timeout  how long the lease's keeper waits for a silent holder before freeing the lease
     */
    SingleActiveConsumer(ConsumerLease lease, Function<BooleanSupplier, AutoCloseable> activate, Duration check,
                         Duration timeout) {
        this.lease = lease;
        this.activate = activate;
        this.check = check;
        this.freshNanos = timeout.dividedBy(2).toNanos();
        this.thread = new Thread(this::run, "consumer-lease");
    }

    void start() {
        log.info("Standing by until this consumer holds the lease (tried every {} ms)", check.toMillis());
        thread.start();
    }

    /** Whether this process is the active consumer: it holds the lease, confirmed recently. */
    boolean active() {
        return holding && System.nanoTime() - confirmedAt < freshNanos;
    }

    /** Stops consuming (letting what is in hand finish, bounded) and gives the lease up. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            if (consuming == null) {
                tryToBecomeActive();
            } else if (lease.confirm()) {
                confirmedAt = System.nanoTime();
            } else {
                log.warn("Lost the consumer lease: stopping, and standing by");
                standBy();
            }
            pause();
        }
        standBy();
        lease.close();
    }

    private void tryToBecomeActive() {
        if (!lease.tryAcquire()) {
            return;
        }
        confirmedAt = System.nanoTime();
        holding = true;
        log.info("Holding the consumer lease: this is the active consumer");
        try {
            consuming = activate.apply(this::active);
        } catch (RuntimeException failed) {
            holding = false;
            log.error("Could not start consuming ({}); giving the lease up", failed.getMessage(), failed);
            lease.close();
        }
    }

    private void standBy() {
        AutoCloseable stopping = consuming;
        if (stopping == null) {
            return;
        }
        // First: active() is false from here on, so nothing takes more work while the rest stops.
        holding = false;
        consuming = null;
        try {
            stopping.close();
        } catch (Exception failed) {
            log.warn("Stopping the consumer failed: {}", failed.toString());
        }
        lease.close();
    }

    private void pause() {
        long deadline = System.nanoTime() + check.toNanos();
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }
}
