package org.allocation.adapters.persistence;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues up, within one process, the units of work that change the same product, so that they take turns
 * instead of racing. Without it, every thread but one that allocates on a busy SKU loses the optimistic
 * race at commit and does its work again; with it, they wait a few milliseconds each and all succeed.
 *
 * <p>It only spares wasted work: the version check at commit still decides, and still guards against the
 * other processes. So waiting is bounded, and a unit of work that waits too long carries on unlocked.
 *
 * <p>SKUs share a fixed number of locks (striping): memory stays constant however many SKUs there are.
 */
public final class ProductLocks {

    private static final int STRIPES = 1024;
    /** Longer than a busy product's queue normally gets; past it, the version check alone decides. */
    public static final Duration STANDARD_PATIENCE = Duration.ofSeconds(2);

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Duration patience;

    public ProductLocks(Duration patience) {
        this.patience = patience;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Waits for the turn of this SKU's product, at most the patience given.
     *
     * @return the lock now held, to unlock when the unit of work ends; null when the wait ran out
     */
    public ReentrantLock await(String sku) {
        ReentrantLock lock = stripes[Math.floorMod(sku.hashCode(), STRIPES)];
        try {
            return lock.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS) ? lock : null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
