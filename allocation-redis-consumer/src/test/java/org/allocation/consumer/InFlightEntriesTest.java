package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The window of stream entries in hand, with a fake settle in place of the handler and a list for XACK. */
class InFlightEntriesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<StreamEntry> settledInOrder = Collections.synchronizedList(new ArrayList<>());
    private final List<List<StreamEntry>> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private InFlightEntries inFlight;

    @AfterEach
    void stop() {
        if (inFlight != null) {
            inFlight.stop(PATIENCE);
        }
    }

    @Test
    void settlesTheEntriesOfOneKeyInIdOrderWhateverOrderTheyCameIn() {
        start(1, 10, entry -> settledInOrder.add(entry));
        List<StreamEntry> entries = List.of(entry("1700000000010-0", "A"), entry("1700000000002-1", "A"),
                entry("1700000000002-0", "A"), entry("999-5", "A"));

        inFlight.handOver(entries);
        inFlight.settleEverythingInHand();

        assertThat(settledInOrder).extracting(StreamEntry::id)
                .containsExactly("999-5", "1700000000002-0", "1700000000002-1", "1700000000010-0");
    }

    @Test
    void acknowledgesOnlyWhatWasSettledAndNothingTwice() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(2, 10, entry -> {
            if (entry.id().equals("2-0")) {
                awaitQuietly(release);
            }
            return !entry.id().equals("3-0"); // stopped before its outcome was final: stays pending
        });
        StreamEntry first = entry("1-0", "A");
        StreamEntry slow = entry("2-0", "B");
        // "sku A" and "sku B" go to different workers of two: the slow entry holds up nothing of A.
        assertThat(List.of(first.orderingKey(), slow.orderingKey())).containsExactly("sku A", "sku B");

        inFlight.handOver(List.of(first, slow, entry("3-0", "A")));
        await("the first entry settled").atMost(PATIENCE).until(() -> {
            inFlight.acknowledgeSettled();
            return acknowledged.stream().anyMatch(ack -> !ack.isEmpty());
        });
        assertThat(acknowledged).flatExtracting(ack -> ack).containsExactly(first);

        release.countDown();
        inFlight.settleEverythingInHand();
        inFlight.acknowledgeSettled();

        assertThat(acknowledged).flatExtracting(ack -> ack).containsExactlyInAnyOrder(first, slow);
    }

    @Test
    void handingOverWaitsForRoomInHand() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        start(4, 2, entry -> {
            started.incrementAndGet();
            awaitQuietly(release);
            return true;
        });
        CountDownLatch handedOver = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            inFlight.handOver(List.of(entry("1-0", "A"), entry("2-0", "B"), entry("3-0", "C")));
            handedOver.countDown();
        });

        reader.start();

        assertThat(handedOver.await(300, TimeUnit.MILLISECONDS)).as("the third entry waits for room").isFalse();
        assertThat(started.get()).isLessThanOrEqualTo(2);
        release.countDown();
        assertThat(handedOver.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        inFlight.settleEverythingInHand();
        assertThat(acknowledged).flatExtracting(ack -> ack).hasSize(3);
    }

    private void start(int workers, int room, Predicate<StreamEntry> settle) {
        inFlight = new InFlightEntries(new KeyedWorkers("test", workers, room), room, settle, acknowledged::add);
    }

    /** An allocation of one unit of {@code sku}: entries with the same SKU have the same ordering key. */
    private static StreamEntry entry(String id, String sku) {
        byte[] data = ("{\"orderid\": \"o-" + id + "\", \"sku\": \"" + sku + "\", \"qty\": 1}")
                .getBytes(StandardCharsets.UTF_8);
        return new StreamEntry("allocate", id, Map.of("data", data), 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
