package org.allocation.consumer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for something that happens on another thread or in another process, up to a deadline. */
final class Eventually {

    private static final Duration POLL = Duration.ofMillis(20);

    private Eventually() {
    }

    static <T> T within(Duration timeout, String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still waiting after " + timeout.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
