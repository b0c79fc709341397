package org.allocation.adapters.persistence;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The turns one unit of work takes on products ({@link ProductLocks}), before it reads them, so that the read
 * is fresh; all given back when the unit of work ends, by the thread that took them.
 */
public final class ProductTurns {

    private final ProductLocks locks;
    private final Deque<ReentrantLock> held = new ArrayDeque<>();

    public ProductTurns(ProductLocks locks) {
        this.locks = locks;
    }

    /** Waits for this product's turn in this process (bounded: past the patience, carries on without it). */
    public void take(String sku) {
        ReentrantLock lock = locks.await(sku);
        if (lock != null) {
            // Two SKUs can share a stripe, and one product can be read twice: hold each lock once.
            if (lock.getHoldCount() > 1) {
                lock.unlock();
            } else {
                held.push(lock);
            }
        }
    }

    public void giveBack() {
        while (!held.isEmpty()) {
            held.pop().unlock();
        }
    }
}
