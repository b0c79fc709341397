package org.allocation.consumer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lease shared by the fake consumers of one test, as the database's lock is shared by the processes: one
 * holder at a time. A holder can be made to lose it ({@link #breakHolder()}), as when its connection dies.
 */
final class FakeLease {

    private final Object lock = new Object();
    private Holder holder;
    private final AtomicInteger attempts = new AtomicInteger();

    ConsumerLease forAProcess() {
        return new Holder();
    }

    /** The holder's next confirmation fails and the lease is free, as when its session ends. */
    void breakHolder() {
        synchronized (lock) {
            holder = null;
        }
    }

    int attempts() {
        return attempts.get();
    }

    private final class Holder implements ConsumerLease {

        @Override
        public boolean tryAcquire() {
            attempts.incrementAndGet();
            synchronized (lock) {
                if (holder == null) {
                    holder = this;
                }
                return holder == this;
            }
        }

        @Override
        public boolean confirm() {
            synchronized (lock) {
                return holder == this;
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (holder == this) {
                    holder = null;
                }
            }
        }
    }
}
