package org.allocation.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Waits for a condition of an asynchronous system by polling it until a deadline, never by sleeping a fixed time:
 * a test is as fast as the system allows and fails with what it last saw. The book does the same with tenacity.
 */
final class Eventually {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(250);

    private Eventually() {
    }

    /** Runs {@code assertion} until it passes; an {@link AssertionError} means "not yet". */
    static void untilAsserted(String condition, Runnable assertion) {
        untilAsserted(condition, DEFAULT_TIMEOUT, assertion);
    }

    static void untilAsserted(String condition, Duration timeout, Runnable assertion) {
        await(condition, timeout, () -> {
            assertion.run();
            return Optional.of(Boolean.TRUE);
        });
    }

    /**
     * Polls {@code probe} until it returns a value and returns that value. An empty result, an
     * {@link AssertionError} or an exception mean "not yet"; the last of them is the cause of the timeout. A
     * {@link GiveUp} ends the wait at once: the condition can no longer become true.
     */
    static <T> T await(String condition, Duration timeout, Callable<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_PAUSE;
        Throwable lastFailure = null;
        while (true) {
            try {
                Optional<T> result = probe.call();
                if (result.isPresent()) {
                    return result.get();
                }
            } catch (GiveUp e) {
                throw e;
            } catch (AssertionError | Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting until " + condition,
                        lastFailure);
            }
            pauseBetweenPolls(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static void pauseBetweenPolls(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while polling", e);
        }
    }

    /** Thrown by a probe when waiting longer is pointless, such as when the process it waits for has exited. */
    static final class GiveUp extends RuntimeException {

        GiveUp(String message) {
            super(message);
        }
    }
}
