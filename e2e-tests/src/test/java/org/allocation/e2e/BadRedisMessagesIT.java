package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.allocation.e2e.Refs.randomSuffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.allocation.e2e.RedisChannels.DeadLetter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message the consumer cannot handle is put aside in the {@code dead_letter} stream, with where it came from
 * and what was wrong, and the consumer carries on with the next one. Every payload is unique to this run, so it
 * is found among the dead letters of other runs.
 */
@ExtendWith(AllocationSystemExtension.class)
class BadRedisMessagesIT {

    /** Allocated from by the good message sent after each bad one. */
    private static final String SKU = randomSku("after-bad");
    /** The target of the bad quantity changes, apart from {@link #SKU} so that none can starve the good messages. */
    private static final String CHANGED_BATCH = randomBatchRef("bad-changes");

    /** What an identifier's CR/LF would start: a line that looks like the consumer's own. */
    static final String FORGED = "2026-01-01T00:00:00.000Z INFO  [main] o.allocation.consumer.Main - forged";

    private final RedisChannels redis;
    private final AllocationSystem system;

    BadRedisMessagesIT(RedisChannels redis, AllocationSystem system) {
        this.redis = redis;
        this.system = system;
    }

    @BeforeAll
    static void stock(ApiClient api) {
        api.addBatch(randomBatchRef("after-bad"), SKU, 1_000_000, null);
        api.addBatch(CHANGED_BATCH, randomSku("bad-changes"), 10, null);
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                arguments("allocate", "not JSON", "allocate " + randomOrderId("bad") + " please"),
                arguments("allocate", "truncated JSON", "{\"orderid\": \"" + randomOrderId("bad") + "\", \"sku\": "),
                arguments("allocate", "a JSON array", "[" + allocation(randomOrderId("bad"), SKU, 1) + "]"),
                arguments("allocate", "qty missing", Json.object("orderid", randomOrderId("bad"), "sku", SKU)),
                arguments("allocate", "fields named otherwise",
                        Json.object("order_id", randomOrderId("bad"), "sku", SKU, "quantity", 1)),
                arguments("allocate", "qty a string", allocation(randomOrderId("bad"), SKU, "1")),
                arguments("allocate", "qty 0", allocation(randomOrderId("bad"), SKU, 0)),
                arguments("allocate", "qty -1", allocation(randomOrderId("bad"), SKU, -1)),
                arguments("allocate", "sku null", allocation(randomOrderId("bad"), null, 1)),
                arguments("allocate", "an unknown sku", allocation(randomOrderId("bad"), randomSku("unknown"), 1)),
                arguments("allocate", "orderid holding a NUL", allocation(randomOrderId("bad") + "\u0000", SKU, 1)),
                arguments("allocate", "sku holding a CR/LF",
                        allocation(randomOrderId("bad"), SKU + "\r\n" + FORGED, 1)),
                arguments("allocate", "orderid holding an unpaired surrogate",
                        "{\"orderid\": \"" + randomOrderId("bad") + "\\ud800\", \"sku\": \"" + SKU + "\", \"qty\": 1}"),
                arguments("allocate", "orderid of 256 characters",
                        allocation(randomOrderId("bad") + "o".repeat(256), SKU, 1)),
                arguments("change_batch_quantity", "not JSON", "change " + CHANGED_BATCH + " to " + randomSuffix()),
                arguments("change_batch_quantity", "qty missing", Json.object("batchref", CHANGED_BATCH)),
                arguments("change_batch_quantity", "fields named otherwise",
                        Json.object("ref", CHANGED_BATCH, "quantity", 5)),
                arguments("change_batch_quantity", "qty a string", change(CHANGED_BATCH, "5")),
                arguments("change_batch_quantity", "qty 2.5", change(CHANGED_BATCH, 2.5)),
                arguments("change_batch_quantity", "qty -1", change(CHANGED_BATCH, -1)),
                arguments("change_batch_quantity", "an unknown batch", change(randomBatchRef("unknown"), 5)),
                arguments("change_batch_quantity", "batchref holding a NUL", change(CHANGED_BATCH + "\u0000", 5)),
                arguments("change_batch_quantity", "batchref holding a CR/LF",
                        change(CHANGED_BATCH + "\r\n" + FORGED + randomSuffix(), 5)));
    }

    /**
     * Bytes no JSON reader may take as they are, and the start of the error: the field named when its value is not
     * UTF-8, JSON's own complaint for a raw control character inside a string.
     */
    static Stream<Arguments> badBytes() {
        String orderid = allocation(randomOrderId("bad") + "#", SKU, 1);
        String sku = allocation(randomOrderId("bad"), SKU + "#", 1);
        String batchref = change(CHANGED_BATCH + "#" + randomSuffix(), 5);
        return Stream.of(
                arguments("allocate", "orderid not UTF-8", Json.withBytes(orderid, (byte) 0xFF),
                        "orderid is not valid UTF-8: byte 0xFF"),
                arguments("allocate", "orderid holding an overlong NUL",
                        Json.withBytes(orderid, (byte) 0xC0, (byte) 0x80), "orderid is not valid UTF-8: byte 0xC0"),
                arguments("allocate", "orderid holding a raw NUL", Json.withBytes(orderid, (byte) 0), "Malformed JSON"),
                arguments("allocate", "sku holding a raw CR/LF", Json.withBytes(sku, (byte) '\r', (byte) '\n'),
                        "Malformed JSON"),
                arguments("change_batch_quantity", "batchref not UTF-8", Json.withBytes(batchref, (byte) 0xC3),
                        "batchref is not valid UTF-8: byte 0xC3"),
                arguments("change_batch_quantity", "batchref holding a raw NUL", Json.withBytes(batchref, (byte) 0),
                        "Malformed JSON"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("badMessages")
    void aBadMessageIsDeadLetteredAndTheConsumerCarriesOn(String channel, String whatIsWrong, String payload) {
        String lastDeadLetter = redis.lastDeadLetterId();
        String goodOrderid = randomOrderId("after-bad");
        try (Subscription lineAllocated = redis.subscribeTo("line_allocated")) {

            redis.publish(channel, payload);
            redis.publish("allocate", allocation(goodOrderid, SKU, 1));

            DeadLetter deadLetter = redis.awaitDeadLetter(lastDeadLetter, "with payload " + payload,
                    letter -> letter.payload().equals(payload));
            assertThat(deadLetter.source()).as("source of %s", deadLetter).contains(channel);
            assertThat(deadLetter.error()).as("error of %s", deadLetter).isNotBlank();
            assertThat(deadLetter.field("failed_at")).as("failed_at of %s", deadLetter).isPresent();
            lineAllocated.awaitMessage("for " + goodOrderid + ", sent after the bad message",
                    Subscription.forOrder(goodOrderid));
        }
    }

    @ParameterizedTest(name = "{0} on pub/sub with {1}")
    @MethodSource("badBytes")
    void aMessageOfBadBytesIsDeadLetteredByteForByte(String channel, String whatIsWrong, byte[] payload,
                                                     String error) {
        String lastDeadLetter = redis.lastDeadLetterId();
        String goodOrderid = randomOrderId("after-bad-bytes");
        try (Subscription lineAllocated = redis.subscribeTo("line_allocated")) {

            redis.publish(channel, payload);
            redis.publish("allocate", allocation(goodOrderid, SKU, 1));

            Map<String, byte[]> letter = redis.awaitDeadLetterWithPayload(lastDeadLetter, payload);
            assertThat(RedisChannels.text(letter.get("source"))).isEqualTo(channel);
            assertThat(RedisChannels.text(letter.get("error"))).startsWith(error);
            lineAllocated.awaitMessage("for " + goodOrderid + ", sent after the bad message",
                    Subscription.forOrder(goodOrderid));
        }
    }

    @ParameterizedTest(name = "{0} as a stream entry with {1}")
    @MethodSource("badBytes")
    void anEntryOfBadBytesIsDeadLetteredWithEveryFieldByteForByte(String stream, String whatIsWrong, byte[] payload,
                                                                  String error) {
        String lastDeadLetter = redis.lastDeadLetterId();
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("data", payload);
        fields.put("sender", new byte[] {'s', (byte) 0xFE, '\n'});

        String entryId = redis.addToStream(stream, fields);

        Map<String, byte[]> letter = redis.awaitDeadLetterOfEntry(lastDeadLetter, stream, entryId);
        assertThat(letter.get("payload")).isEqualTo(payload);
        assertThat(letter.get("entry.data")).isEqualTo(payload);
        assertThat(letter.get("entry.sender")).isEqualTo(fields.get("sender"));
        assertThat(RedisChannels.text(letter.get("error"))).startsWith(error);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"allocate", "change_batch_quantity"})
    void anEntryWithoutDataIsDeadLetteredWithTheFieldsItHas(String stream) {
        String lastDeadLetter = redis.lastDeadLetterId();
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("payload", utf8(allocation(randomOrderId("no-data"), SKU, 1)));
        fields.put("note", new byte[] {(byte) 0xFF, 0, '\r', '\n'});

        String entryId = redis.addToStream(stream, fields);

        Map<String, byte[]> letter = redis.awaitDeadLetterOfEntry(lastDeadLetter, stream, entryId);
        assertThat(RedisChannels.text(letter.get("error")))
                .isEqualTo("the entry has no field data, only payload, note");
        assertThat(letter.get("entry.payload")).isEqualTo(fields.get("payload"));
        assertThat(letter.get("entry.note")).isEqualTo(fields.get("note"));
        assertThat(letter).doesNotContainKey("entry.data");
    }

    @Test
    void anIdentifierCannotForgeALineInTheConsumersLog() {
        String lastDeadLetter = redis.lastDeadLetterId();
        String payload = allocation(randomOrderId("forger") + "\r\n" + FORGED + "\u0000", SKU, 1);

        redis.publish("allocate", payload);

        redis.awaitDeadLetter(lastDeadLetter, "with payload " + payload, letter -> letter.payload().equals(payload));
        // Read as UTF-8: a byte that is not would fail here. The dead-lettering line came before the dead letter.
        List<String> log = system.consumer().logLines();
        assertThat(log).anyMatch(line -> line.contains("Dead-lettering") && line.contains("forger"));
        assertThat(log).noneMatch(line -> line.startsWith("2026-01-01T00:00:00.000Z"));
        assertThat(String.join("\n", log).chars().filter(c -> c < 0x20 && c != '\n' && c != '\t')).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String allocation(Object orderid, Object sku, Object qty) {
        return Json.object("orderid", orderid, "sku", sku, "qty", qty);
    }

    private static String change(Object batchref, Object qty) {
        return Json.object("batchref", batchref, "qty", qty);
    }
}
