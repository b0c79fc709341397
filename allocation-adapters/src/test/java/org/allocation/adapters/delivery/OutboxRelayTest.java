package org.allocation.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.allocation.service.retry.Backoff;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Retries 10 ms apart doubling to 50 ms, so that a test outlasts an outage quickly. */
    private static final Backoff QUICK_RETRIES = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50),
            Backoff.Jitter.NONE);
    private static final Duration NEVER = Duration.ofHours(1);

    @Test
    void aShortBatchEndsTheDrainWithoutAnotherPass() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        List<OutgoingMessage> delivered = new CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(outbox, delivered::addAll,
                new OutboxRelay.Options(500, NEVER, QUICK_RETRIES)).start();
        awaitPasses(outbox, 1);

        outbox.add(3);
        relay.nudge();
        awaitDelivered(delivered, 3);
        relay.close();

        assertThat(outbox.passes()).containsExactly(OutboxStore.Pass.EMPTY, OutboxStore.Pass.RELAYED);
    }

    @Test
    void aFullBatchIsFollowedByAnotherPassUntilOneComesBackShort() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        outbox.add(5);
        List<OutgoingMessage> delivered = new CopyOnWriteArrayList<>();

        OutboxRelay relay = new OutboxRelay(outbox, delivered::addAll,
                new OutboxRelay.Options(2, NEVER, QUICK_RETRIES)).start();
        awaitDelivered(delivered, 5);
        relay.close();

        assertThat(outbox.passes()).containsExactly(OutboxStore.Pass.RELAYED, OutboxStore.Pass.RELAYED,
                OutboxStore.Pass.RELAYED);
        assertThat(delivered).extracting(OutgoingMessage::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    private static void awaitPasses(InMemoryOutbox outbox, int passes) {
        await(passes + " passes").atMost(DEADLINE).until(() -> outbox.passes().size() >= passes);
    }

    private static void awaitDelivered(List<OutgoingMessage> delivered, int count) {
        await(count + " delivered").atMost(DEADLINE).until(() -> delivered.size() >= count);
    }

    /** The outbox as a list, recording how each pass ended. */
    private static final class InMemoryOutbox implements OutboxStore {

        private final List<OutgoingMessage> rows = new ArrayList<>();
        private final List<Pass> passes = new ArrayList<>();
        private long nextId = 1;

        synchronized void add(int count) {
            for (int i = 0; i < count; i++) {
                long id = nextId++;
                rows.add(new OutgoingMessage(id, "line_allocated", "{\"n\":" + id + "}"));
            }
        }

        synchronized List<Pass> passes() {
            return List.copyOf(passes);
        }

        @Override
        public synchronized Pass relayOldest(int limit, Consumer<List<OutgoingMessage>> delivery) {
            List<OutgoingMessage> oldest = List.copyOf(rows.subList(0, Math.min(limit, rows.size())));
            if (oldest.isEmpty()) {
                passes.add(Pass.EMPTY);
                return Pass.EMPTY;
            }
            delivery.accept(oldest);
            rows.subList(0, oldest.size()).clear();
            passes.add(Pass.RELAYED);
            return Pass.RELAYED;
        }
    }
}
