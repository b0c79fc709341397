package org.allocation.consumer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.allocation.service.inmemory.InMemoryProductStore;
import org.allocation.service.inmemory.InMemoryUnitOfWork;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;

/**
 * Units of work over an in-memory store that can hold messages at a gate until released, so that a test can
 * act while a message is being handled.
 */
final class GatedStorage implements UnitOfWorkFactory {

    private final InMemoryProductStore store;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean holding;

    GatedStorage(InMemoryProductStore store) {
        this.store = store;
    }

    /** From now on, messages wait at the gate. */
    void hold() {
        holding = true;
    }

    /** Lets every waiting message through, and those after it. */
    void release() {
        released.countDown();
    }

    boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public UnitOfWork start() {
        if (holding) {
            held.countDown();
            try {
                released.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new InMemoryUnitOfWork(store);
    }
}
