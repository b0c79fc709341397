package org.allocation.consumer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.allocation.service.inmemory.InMemoryProductStore;
import org.allocation.service.inmemory.InMemoryUnitOfWork;
import org.allocation.service.ports.StorageUnavailable;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;

/**
 * Units of work over an in-memory store that can be told to fail the next few times they are started, the
 * way a database that is down or losing races makes them fail.
 */
final class FailingStorage implements UnitOfWorkFactory {

    private final InMemoryProductStore store;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Supplier<RuntimeException> failure = () -> new StorageUnavailable("database down", null);

    FailingStorage(InMemoryProductStore store) {
        this.store = store;
    }

    /** The next {@code times} units of work fail to start with what {@code failure} makes. */
    void failNext(int times, Supplier<RuntimeException> failure) {
        this.failure = failure;
        failuresLeft.set(times);
    }

    void goDown() {
        failNext(Integer.MAX_VALUE, () -> new StorageUnavailable("database down", null));
    }

    @Override
    public UnitOfWork start() {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw failure.get();
        }
        return new InMemoryUnitOfWork(store);
    }
}
