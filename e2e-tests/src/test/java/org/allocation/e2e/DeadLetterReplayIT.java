package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.allocation.e2e.RedisChannels.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An entry that could not be handled is dead-lettered; once its cause is fixed, the consumer jar's
 * {@code replay-dead-letters} command sends it back to its stream, where it is handled, and removes it from the
 * dead letters. Its events carry the metadata of docs/MESSAGES.md.
 */
@ExtendWith(AllocationSystemExtension.class)
class DeadLetterReplayIT {

    private final AllocationSystem system;

    DeadLetterReplayIT(AllocationSystem system) {
        this.system = system;
    }

    @Test
    void aDeadLetterReplayedAfterTheFixIsHandled(ApiClient api, RedisChannels redis) {
        String sku = randomSku("replay");
        String orderid = randomOrderId("replay");
        String lettersBefore = redis.lastDeadLetterId();
        String allocation = Json.object("orderid", orderid, "sku", sku, "qty", 2);
        String entryId = redis.addToStream("allocate", allocation);
        DeadLetter letter = redis.awaitDeadLetter(lettersBefore, "for entry " + entryId + " (an unknown SKU)",
                found -> found.field("entry_id").orElse("").equals(entryId) && found.source().equals("allocate"));
        assertThat(letter.fields()).containsEntry("type", "DeadLetter").containsEntry("version", "1")
                .containsEntry("correlation_id", "allocate:" + entryId).containsKeys("message_id", "occurred_at");

        String batch = randomBatchRef("replay");
        api.addBatch(batch, sku, 10, null);
        JarCommand dryRun = replay("--source", "allocate", "--limit", "1000", "--dry-run");
        assertThat(dryRun.status()).as("dry run: %s", dryRun).isZero();
        assertThat(dryRun.out()).contains("would replay " + letter.id() + " to stream allocate");
        assertThat(stillDeadLettered(redis, lettersBefore, letter)).isTrue();
        String streamBefore = redis.lastId("line_allocated");

        JarCommand replay = replay("--source", "allocate", "--limit", "1000");

        assertThat(replay.status()).as("replay: %s", replay).isZero();
        assertThat(replay.out()).contains("replayed " + letter.id() + " to stream allocate as ");
        Map<String, String> published = await(orderid + " allocated on line_allocated")
                .until(() -> redis.streamEntriesAfter("line_allocated", streamBefore).stream()
                        .filter(entry -> entry.getOrDefault("data", "").contains(orderid)).findFirst(),
                        Optional::isPresent).get();
        assertThat(published.get("data")).isEqualTo(Json.object("orderid", orderid, "sku", sku, "qty", 2,
                "batchref", batch));
        assertThat(published).containsEntry("type", "Allocated").containsEntry("version", "1")
                .containsKeys("message_id", "occurred_at");
        assertThat(published.get("correlation_id")).startsWith("allocate:").isNotEqualTo("allocate:" + entryId);
        assertThat(api.getAllocations(orderid).status()).isEqualTo(200);
        assertThat(stillDeadLettered(redis, lettersBefore, letter)).isFalse();
    }

    @Test
    void badArgumentsGetTheUsageAndStatusTwo() {
        JarCommand refused = replay("--source", "nowhere");

        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("usage: java -jar allocation-redis-consumer.jar replay-dead-letters");
    }

    @Test
    void anEntryIsReplayedWithEveryFieldExactlyAsItWasSent(ApiClient api, RedisChannels redis) {
        String batch = randomBatchRef("replay-fields");
        String lettersBefore = redis.lastDeadLetterId();
        Map<String, byte[]> sent = new LinkedHashMap<>();
        sent.put("data", Json.object("batchref", batch, "qty", 3).getBytes(StandardCharsets.UTF_8));
        sent.put("trace", new byte[] {'t', (byte) 0xFF, 0, '\n'});
        String entryId = redis.addToStream("change_batch_quantity", sent);
        redis.awaitDeadLetterOfEntry(lettersBefore, "change_batch_quantity", entryId);
        api.addBatch(batch, randomSku("replay-fields"), 10, null);
        String streamBefore = redis.lastId("change_batch_quantity");

        JarCommand replay = replay("--source", "change_batch_quantity", "--limit", "1000");

        assertThat(replay.status()).as("replay: %s", replay).isZero();
        assertThat(redis.streamEntryBytesAfter("change_batch_quantity", streamBefore))
                .anySatisfy(entry -> {
                    assertThat(entry.keySet()).containsExactly("data", "trace");
                    assertThat(entry.get("data")).isEqualTo(sent.get("data"));
                    assertThat(entry.get("trace")).isEqualTo(sent.get("trace"));
                });
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        JarCommand help = replay("--help");

        assertThat(help.status()).as("%s", help).isZero();
        assertThat(help.out()).startsWith("usage: java -jar allocation-redis-consumer.jar replay-dead-letters");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void anUnknownArgumentGetsTheUsageOnStandardErrorAndStatusTwo() {
        JarCommand refused = replay("--source", "allocate", "--bogus");

        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("unknown argument --bogus")
                .contains("usage: java -jar allocation-redis-consumer.jar replay-dead-letters");
        assertThat(refused.out()).isEmpty();
    }

    private JarCommand replay(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "replay-dead-letters";
        System.arraycopy(args, 0, command, 1, args.length);
        return JarCommand.run(system.settings().consumerJar(),
                Map.of("ALLOCATION_REDIS_URL", system.settings().redisUrl()), system.settings().logDirectory(),
                command);
    }

    private static boolean stillDeadLettered(RedisChannels redis, String lettersBefore, DeadLetter letter) {
        return redis.deadLettersAfter(lettersBefore).stream().anyMatch(found -> found.id().equals(letter.id()));
    }
}
