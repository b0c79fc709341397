package org.allocation.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PassRequestsTest {

    /** Far longer than any test: a wait that ends ended for its reason, not its timeout. */
    private static final Duration FOREVER = Duration.ofHours(1);
    private static final long DEADLINE_SECONDS = 10;

    private final PassRequests passes = new PassRequests();
    /** A thread per waiter: the common pool may have a single one on a small machine. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        passes.stop();
        threads.shutdownNow();
    }

    @Test
    void manyRequestsBeforeAPassAreCoveredByThatOnePass() throws Exception {
        long first = passes.request();
        passes.request();
        long last = passes.request();

        long covered = passes.awaitRequestOrSweep(FOREVER);
        passes.completed(covered);

        assertThat(covered).isEqualTo(last);
        assertThat(passes.awaitPass(first, Duration.ZERO)).isTrue();
        assertThat(passes.awaitPass(last, Duration.ZERO)).isTrue();
    }

    @Test
    void withoutARequestThePassWaitsForTheSweepAndCoversNoNewTicket() throws Exception {
        long ticket = passes.request();
        passes.awaitRequestOrSweep(FOREVER);

        long started = System.nanoTime();
        long covered = passes.awaitRequestOrSweep(Duration.ofMillis(100));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(covered).isEqualTo(ticket);
    }

    @Test
    void aRequestMadeDuringAPassIsNotCoveredByItAndStartsTheNextAtOnce() throws Exception {
        passes.request();
        long duringFirst = passes.awaitRequestOrSweep(FOREVER);
        long later = passes.request();

        passes.completed(duringFirst);

        assertThat(passes.awaitPass(later, Duration.ofMillis(50))).isFalse();
        assertThat(passes.awaitRequestOrSweep(FOREVER)).isEqualTo(later);
    }

    @Test
    void aCallerWaitsForThePassThatCoversItsTicket() throws Exception {
        long ticket = passes.request();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> passes.awaitPass(ticket, FOREVER),
                threads);
        long covered = passes.awaitRequestOrSweep(FOREVER);
        Thread.sleep(50);
        assertThat(waiting).isNotDone();

        passes.completed(covered);

        assertThat(waiting.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCallerGivesUpAtItsPatience() {
        long ticket = passes.request();

        long started = System.nanoTime();
        boolean completed = passes.awaitPass(ticket, Duration.ofMillis(100));

        assertThat(completed).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aRequestDoesNotShortenAPause() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<Void> pausing = CompletableFuture.runAsync(() -> pause(Duration.ofMillis(300)), threads);
        for (int request = 0; request < 5; request++) {
            Thread.sleep(20);
            passes.request();
        }

        pausing.get(DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void stoppingEndsAPauseAndTheWaitForARequestAtOnce() throws Exception {
        passes.request();
        passes.awaitRequestOrSweep(FOREVER);
        CompletableFuture<Void> pausing = CompletableFuture.runAsync(() -> pause(FOREVER), threads);
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(this::awaitRequestForever, threads);
        Thread.sleep(50);

        passes.stop();

        pausing.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        waiting.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(passes.stopped()).isTrue();
    }

    private void pause(Duration pause) {
        try {
            passes.pause(pause);
        } catch (InterruptedException interrupted) {
            throw new AssertionError(interrupted);
        }
    }

    private long awaitRequestForever() {
        try {
            return passes.awaitRequestOrSweep(FOREVER);
        } catch (InterruptedException interrupted) {
            throw new AssertionError(interrupted);
        }
    }
}
