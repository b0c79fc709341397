package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedWorkersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void runsTheTasksOfOneKeyInTheOrderOffered() throws Exception {
        KeyedWorkers workers = new KeyedWorkers("test", 4, 1_000);
        List<Integer> ran = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(500);

        for (int i = 0; i < 500; i++) {
            int task = i;
            workers.offer("LAMP", () -> {
                ran.add(task);
                done.countDown();
            });
        }

        assertThat(done.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        workers.stop(PATIENCE);
        assertThat(ran).isSortedAccordingTo(Integer::compare).hasSize(500);
    }

    @Test
    void runsTasksOfKeysOnDifferentWorkersAtTheSameTime() throws Exception {
        KeyedWorkers workers = new KeyedWorkers("test", 2, 10);
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch sawTheOther = new CountDownLatch(2);
        Runnable meetTheOther = () -> {
            bothRunning.countDown();
            awaitQuietly(bothRunning);
            if (bothRunning.getCount() == 0) {
                sawTheOther.countDown();
            }
        };

        // "a" and "b" hash to different workers of two (97 and 98).
        workers.offer("a", meetTheOther);
        workers.offer("b", meetTheOther);

        assertThat(sawTheOther.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        workers.stop(PATIENCE);
    }

    @Test
    void refusesATaskWhenItsWorkersQueueIsFullOrWhenStopping() {
        KeyedWorkers workers = new KeyedWorkers("test", 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        workers.offer("LAMP", () -> {
            started.countDown();
            awaitQuietly(release);
        });
        awaitQuietly(started);

        boolean waiting = workers.offer("LAMP", () -> { });
        boolean beyondCapacity = workers.offer("LAMP", () -> { });
        release.countDown();
        workers.stop(PATIENCE);
        boolean afterStop = workers.offer("LAMP", () -> { });

        assertThat(waiting).isTrue();
        assertThat(beyondCapacity).isFalse();
        assertThat(afterStop).isFalse();
    }

    @Test
    void stoppingGivesBackTheTasksThatNeverStarted() {
        KeyedWorkers workers = new KeyedWorkers("test", 2, 10);
        CountDownLatch started = new CountDownLatch(1);
        workers.offer("a", () -> {
            started.countDown();
            awaitQuietly(new CountDownLatch(1));
        });
        awaitQuietly(started);
        Runnable neverStarted = () -> { };
        workers.offer("a", neverStarted);

        List<Runnable> left = workers.stop(Duration.ofMillis(50));

        assertThat(left).containsExactly(neverStarted);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
