package org.allocation.service.retry;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits out a {@link Backoff}'s pause; a test replaces it to record the pauses (or move a fake clock). */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the calling thread. */
    Sleeper THREAD = pause -> Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);

    /**
     * Waits this long.
     *
     * @param pause how long, possibly zero
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    void sleep(Duration pause) throws InterruptedException;

    /**
     * Sleeps the calling thread, returning early once {@code running} turns false: for a loop that is stopped by
     * a flag rather than an interrupt. The flag is read whenever the thread is unparked, so a closer that sets
     * it and unparks the thread does not wait for the pause to end.
     *
     * @param running whether the loop still runs
     * @return the sleeper
     */
    static Sleeper whileRunning(BooleanSupplier running) {
        return pause -> {
            long deadline = System.nanoTime() + pause.toNanos();
            long left;
            while (running.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting to retry");
                }
            }
        };
    }
}
