package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allocation.e2e.RedisChannels.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad and good entries mixed on the inbound streams: every bad one is dead-lettered, every good one handled. */
@ExtendWith(AllocationSystemExtension.class)
class MixedStreamEntriesIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void everyBadEntryIsDeadLetteredAndEveryGoodOneHandled(ApiClient api, RedisChannels redis) {
        String sku = randomSku("mixed");
        String batch = randomBatchRef("mixed");
        api.addBatch(batch, sku, 1_000, null);
        String streamBefore = redis.lastId(LineAllocatedStream.STREAM);
        String lettersBefore = redis.lastDeadLetterId();
        List<String> good = new ArrayList<>();
        // Entry ids are per stream: the two streams can hand out the same id in the same millisecond, so a bad
        // entry is known by its stream and its id together.
        Set<String> badEntries = new HashSet<>();
        List<String> badAllocations = List.of("not json", "{\"orderid\": \"x\"}", "[1, 2]",
                Json.object("orderid", "x", "sku", sku, "qty", 0), Json.object("orderid", "x", "sku", sku, "qty", "2"),
                Json.object("orderid", "x", "sku", randomSku("unknown"), "qty", 1), "");
        List<String> badChanges = List.of("{\"batchref\": 5}", Json.object("batchref", randomBatchRef("unknown"),
                "qty", 3), Json.object("batchref", batch, "qty", -1));
        long started = System.nanoTime();

        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 5; i++) {
                String orderid = sku + "-good-" + round + "-" + i;
                good.add(orderid);
                redis.addToStream("allocate", Json.object("orderid", orderid, "sku", sku, "qty", 1));
            }
            String bad = badAllocations.get(round % badAllocations.size());
            badEntries.add("allocate " + redis.addToStream("allocate", bad));
            String badChange = badChanges.get(round % badChanges.size());
            badEntries.add("change_batch_quantity " + redis.addToStream("change_batch_quantity", badChange));
        }

        Map<String, Integer> counts = await("every good order on " + LineAllocatedStream.STREAM).atMost(DEADLINE)
                .until(() -> LineAllocatedStream.countsPerOrder(redis, streamBefore, sku),
                        found -> found.size() >= good.size());
        List<DeadLetter> letters = await("every bad entry in " + RedisChannels.DEAD_LETTER).atMost(DEADLINE)
                .until(() -> redis.deadLettersAfter(lettersBefore).stream()
                        .filter(letter -> badEntries.contains(entryOf(letter))).toList(),
                        found -> found.size() >= badEntries.size());
        long finished = System.nanoTime();
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(good);
        assertThat(counts.values()).allMatch(count -> count == 1);
        for (DeadLetter letter : letters) {
            assertThat(badEntries).contains(entryOf(letter));
            assertThat(letter.error()).isNotBlank();
            assertThat(letter.field("failed_at")).isPresent();
        }
        assertThat(letters).hasSize(badEntries.size());
        await("every entry acknowledged").untilAsserted(() -> {
            assertThat(redis.pendingInGroup("allocate")).isZero();
            assertThat(redis.pendingInGroup("change_batch_quantity")).isZero();
        });
        System.out.printf("[fault] mixed stream entries: %d good handled once, %d bad dead-lettered with their "
                + "entry ids, in %.2f s; lost 0%n", good.size(), letters.size(), (finished - started) / 1e9);
    }

    private static String entryOf(DeadLetter letter) {
        return letter.source() + " " + letter.field("entry_id").orElse("");
    }
}
