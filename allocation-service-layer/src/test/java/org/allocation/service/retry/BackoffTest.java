package org.allocation.service.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void withoutJitterThePauseDoublesUpToTheCap() {
        Backoff backoff = new Backoff(millis(200), Duration.ofSeconds(5), Backoff.Jitter.NONE);

        assertThat(backoff.pause(1)).isEqualTo(millis(200));
        assertThat(backoff.pause(2)).isEqualTo(millis(400));
        assertThat(backoff.pause(5)).isEqualTo(millis(3_200));
        assertThat(backoff.pause(6)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aPauseFarPastTheCapIsTheCapNotAnOverflow() {
        assertThat(Backoff.REDIS_AWAY.pause(1_000_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.LOST_RACE.pause(64)).isBetween(Duration.ZERO, millis(100));
    }

    @Test
    void fullJitterPausesBetweenZeroAndTheDoublingCeiling() {
        for (int i = 0; i < 200; i++) {
            assertThat(Backoff.LOST_RACE.pause(1)).isBetween(Duration.ZERO, millis(2));
            assertThat(Backoff.LOST_RACE.pause(3)).isBetween(Duration.ZERO, millis(8));
            assertThat(Backoff.LOST_RACE.pause(10)).isBetween(Duration.ZERO, millis(100));
        }
    }

    @Test
    void halfJitterPausesBetweenHalfTheCeilingAndTheWhole() {
        for (int i = 0; i < 200; i++) {
            assertThat(Backoff.LOST_RACE_ROUNDS.pause(1)).isBetween(millis(25), millis(50));
            assertThat(Backoff.LOST_RACE_ROUNDS.pause(9)).isBetween(millis(500), millis(1_000));
        }
    }

    @Test
    void aCapBelowTheFirstPauseIsRefused() {
        assertThatThrownBy(() -> new Backoff(millis(10), millis(5), Backoff.Jitter.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first <= cap");
    }

    @Test
    void aSleeperWhileRunningReturnsAsSoonAsTheLoopStops() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sleeping = new Thread(() -> {
            try {
                Sleeper.whileRunning(running::get).sleep(Duration.ofMinutes(10));
            } catch (InterruptedException unexpected) {
                throw new AssertionError(unexpected);
            }
        });
        sleeping.start();
        running.set(false);
        java.util.concurrent.locks.LockSupport.unpark(sleeping);

        sleeping.join(Duration.ofSeconds(10).toMillis());
        assertThat(sleeping.isAlive()).isFalse();
    }

    @Test
    void aSleeperWhileRunningThrowsWhenInterrupted() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Sleeper.whileRunning(() -> true).sleep(Duration.ofMinutes(10)))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
