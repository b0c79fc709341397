package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocation.service.ports.ConcurrencyConflict;
import org.junit.jupiter.api.Test;

class LostRaceRetryTest {

    private final FakeTime time = new FakeTime();
    private final LostRaceRetry retry = new LostRaceRetry(FakeTime.BACKOFF, time);

    @Test
    void triesAgainAfterEachLostRaceForAsLongAsItTakesPausingAsTheBackoffSays() {
        AtomicInteger rounds = new AtomicInteger();

        String result = retry.run(() -> {
            if (rounds.incrementAndGet() <= 6) {
                throw new ConcurrencyConflict("product LAMP changed");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(rounds).hasValue(7);
        assertThat(time.pauses()).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
    }

    @Test
    void aStoppingConsumerGivesUpWithTheLastConflict() {
        AtomicInteger rounds = new AtomicInteger();
        LostRaceRetry stopping = new LostRaceRetry(FakeTime.BACKOFF, pause -> {
            throw new InterruptedException("stopping");
        });

        try {
            assertThatThrownBy(() -> stopping.run(() -> {
                throw new ConcurrencyConflict("lost round " + rounds.incrementAndGet());
            })).isInstanceOf(ConcurrencyConflict.class).hasMessage("lost round 1");
            assertThat(Thread.currentThread().isInterrupted()).as("the stop is passed on").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger rounds = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            rounds.incrementAndGet();
            throw new IllegalStateException("not a race");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rounds).hasValue(1);
        assertThat(time.pauses()).isEmpty();
    }
}
