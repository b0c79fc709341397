package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleActiveConsumerTest {

    private static final Duration CHECK = Duration.ofMillis(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final FakeLease lease = new FakeLease();
    /** What each process did, in order: "a started", "a stopped", ... */
    private final List<String> happened = new CopyOnWriteArrayList<>();
    private final List<SingleActiveConsumer> processes = new ArrayList<>();

    @AfterEach
    void stopEveryProcess() {
        processes.forEach(SingleActiveConsumer::close);
    }

    @Test
    void onlyTheProcessHoldingTheLeaseConsumes() {
        SingleActiveConsumer a = process("a");
        awaitHappened("a started");

        SingleActiveConsumer b = process("b");
        int attemptsBefore = lease.attempts();
        await("b tried for the lease a few times").atMost(PATIENCE)
                .until(() -> lease.attempts() > attemptsBefore + 3);

        assertThat(a.active()).isTrue();
        assertThat(b.active()).isFalse();
        assertThat(happened).containsExactly("a started");
    }

    @Test
    void aStandbyTakesOverWhenTheActiveProcessLosesTheLease() {
        SingleActiveConsumer a = process("a");
        awaitHappened("a started");
        SingleActiveConsumer b = process("b");

        lease.breakHolder();

        awaitHappened("b started");
        awaitHappened("a stopped");
        // A lost lease is free at once: the standby may start before the deposed process has stopped.
        assertThat(happened).containsExactlyInAnyOrder("a started", "a stopped", "b started");
        assertThat(a.active()).isFalse();
        assertThat(b.active()).isTrue();
    }

    @Test
    void aProcessThatStopsGivesTheLeaseToAStandby() {
        SingleActiveConsumer a = process("a");
        awaitHappened("a started");
        SingleActiveConsumer b = process("b");

        a.close();

        awaitHappened("b started");
        assertThat(happened).containsExactly("a started", "a stopped", "b started");
        assertThat(b.active()).isTrue();
    }

    @Test
    void whatArrivesWhileConsumingStartsIsTaken() {
        List<Boolean> activeWhileStarting = new CopyOnWriteArrayList<>();
        SingleActiveConsumer process = new SingleActiveConsumer(lease.forAProcess(), active -> {
            // A pub/sub message can arrive as soon as the subscription is confirmed, before this returns.
            activeWhileStarting.add(active.getAsBoolean());
            return () -> { };
        }, CHECK, TIMEOUT);
        processes.add(process);

        process.start();

        await("started").atMost(PATIENCE).until(() -> !activeWhileStarting.isEmpty());
        assertThat(activeWhileStarting).containsExactly(true);
    }

    @Test
    void aProcessThatCannotStartConsumingGivesTheLeaseUpAndTriesAgain() {
        List<String> failures = new CopyOnWriteArrayList<>();
        SingleActiveConsumer flaky = new SingleActiveConsumer(lease.forAProcess(), active -> {
            if (failures.size() < 2) {
                failures.add("Redis away");
                throw new IllegalStateException("Redis away");
            }
            happened.add("flaky started");
            return () -> happened.add("flaky stopped");
        }, CHECK, TIMEOUT);
        processes.add(flaky);

        flaky.start();

        awaitHappened("flaky started");
        assertThat(failures).hasSize(2);
    }

    @Test
    void aProcessWhoseConfirmationsStallIsNoLongerActiveAfterHalfTheTimeout() {
        SingleActiveConsumer frozen = new SingleActiveConsumer(new ConsumerLease() {
            private boolean first = true;

            @Override
            public boolean tryAcquire() {
                return true;
            }

            @Override
            public boolean confirm() {
                // Hangs, as a check on a connection whose server went silent does.
                if (first) {
                    first = false;
                    sleep(Duration.ofMillis(300));
                }
                return true;
            }

            @Override
            public void close() {
            }
        }, active -> () -> { }, CHECK, Duration.ofMillis(200));
        processes.add(frozen);

        frozen.start();

        // Polled as often as the process checks: it is inactive for only about 200 ms.
        await("active").atMost(PATIENCE).pollInterval(CHECK).until(frozen::active);
        await("not active while the confirmation hangs").atMost(PATIENCE).pollInterval(CHECK)
                .until(() -> !frozen.active());
        await("active again once confirmed").atMost(PATIENCE).pollInterval(CHECK).until(frozen::active);
    }

    private SingleActiveConsumer process(String name) {
        SingleActiveConsumer process = new SingleActiveConsumer(lease.forAProcess(), active -> {
            happened.add(name + " started");
            return () -> happened.add(name + " stopped");
        }, CHECK, TIMEOUT);
        processes.add(process);
        process.start();
        return process;
    }

    private void awaitHappened(String event) {
        await(event).atMost(PATIENCE).until(() -> happened.contains(event));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
