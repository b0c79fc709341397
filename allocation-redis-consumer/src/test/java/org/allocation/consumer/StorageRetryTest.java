package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.allocation.service.ports.StorageUnavailable;
import org.junit.jupiter.api.Test;

class StorageRetryTest {

    private final FakeTime time = new FakeTime();
    private final StorageRetry retry = time.retry();

    @Test
    void triesAgainUntilStorageAnswers() {
        Supplier<String> attempt = failing(3);

        String result = retry.run(attempt);

        assertThat(result).isEqualTo("done");
        assertThat(time.pauses()).containsExactly(seconds(1), seconds(2), seconds(4));
    }

    @Test
    void waitsTwiceAsLongEachTimeUpToTheLongestPause() {
        Supplier<String> attempt = failing(5);

        retry.run(attempt);

        assertThat(time.pauses()).containsExactly(seconds(1), seconds(2), seconds(4), seconds(8), seconds(8));
    }

    @Test
    void givesUpOnceTheOutageOutlastsItsPatience() {
        Supplier<String> attempt = failing(Integer.MAX_VALUE);

        assertThatThrownBy(() -> retry.run(attempt)).isInstanceOf(StorageUnavailable.class);

        assertThat(time.pauses()).containsExactly(seconds(1), seconds(2), seconds(4), seconds(8), seconds(8));
        assertThat(time.nanoTime()).isLessThanOrEqualTo(seconds(30).toNanos());
    }

    @Test
    void triesOnlyOnceMoreWhileAnOutageItGaveUpOnGoesOn() {
        assertThatThrownBy(() -> retry.run(failing(Integer.MAX_VALUE))).isInstanceOf(StorageUnavailable.class);
        int pausesBefore = time.pauses().size();
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw new StorageUnavailable("still down", null);
        })).isInstanceOf(StorageUnavailable.class);

        assertThat(attempts).hasValue(1);
        assertThat(time.pauses()).hasSize(pausesBefore);
    }

    @Test
    void isPatientAgainOnceStorageHasAnswered() {
        assertThatThrownBy(() -> retry.run(failing(Integer.MAX_VALUE))).isInstanceOf(StorageUnavailable.class);
        retry.run(() -> "storage is back");
        int pausesBefore = time.pauses().size();

        String result = retry.run(failing(2));

        assertThat(result).isEqualTo("done");
        assertThat(time.pauses().subList(pausesBefore, time.pauses().size())).containsExactly(seconds(1), seconds(2));
    }

    @Test
    void stopsWaitingWhenInterrupted() {
        StorageRetry interrupted = new StorageRetry(FakeTime.BACKOFF, seconds(30), time::nanoTime, pause -> {
            throw new InterruptedException();
        });

        assertThatThrownBy(() -> interrupted.run(failing(1)))
                .isInstanceOf(StorageUnavailable.class)
                .hasMessageContaining("Stopped while waiting for storage");

        assertThat(Thread.interrupted()).isTrue();
    }

    private static Supplier<String> failing(int times) {
        AtomicInteger failuresLeft = new AtomicInteger(times);
        return () -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new StorageUnavailable("database down", null);
            }
            return "done";
        };
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
