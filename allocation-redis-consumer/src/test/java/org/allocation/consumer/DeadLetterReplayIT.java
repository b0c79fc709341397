package org.allocation.consumer;

import static org.allocation.consumer.Payloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.allocation.adapters.redis.RedisClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dead letters go back to their source stream, and leave the dead letters only once they are back. */
class DeadLetterReplayIT {

    private final String marker = UUID.randomUUID().toString();
    private final String source = "replay-source-" + marker;
    private final String otherSource = "replay-other-" + marker;
    private final String deadLetters = "replay-dead-letters-" + marker;
    private final RedisClient client = RedisClients.create(
            URI.create(System.getenv().getOrDefault("ALLOCATION_TEST_REDIS_URL", "redis://127.0.0.1:6379")));
    private final StatefulRedisConnection<String, String> connection = client.connect();
    private final RedisCommands<String, String> redis = connection.sync();
    private final StatefulRedisConnection<String, byte[]> bytesConnection = client.connect(RedisBytes.CODEC);
    private final RedisCommands<String, byte[]> bytes = bytesConnection.sync();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final DeadLetterReplay replay =
            new DeadLetterReplay(bytes, deadLetters, new PrintStream(printed, true, StandardCharsets.UTF_8));

    @AfterEach
    void deleteStreams() {
        redis.del(source, otherSource, deadLetters);
        connection.close();
        bytesConnection.close();
        client.shutdown();
    }

    @Test
    void replaysTheLettersOfItsSourceOldestFirstAndDeletesThem() {
        String first = letter(source, "{\"n\": 1}");
        String other = letter(otherSource, "{\"n\": 2}");
        letter(source, "{\"n\": 3}");

        int replayed = replay.run(new DeadLetterReplay.Request(source, 100, false));

        assertThat(replayed).isEqualTo(2);
        assertThat(dataOf(source)).containsExactly("{\"n\": 1}", "{\"n\": 3}");
        assertThat(redis.xrange(deadLetters, Range.create("-", "+"))).extracting(StreamMessage::getId)
                .containsExactly(other);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("replayed " + first + " to stream " + source);
    }

    @Test
    void replaysNoMoreThanTheLimit() {
        for (int n = 1; n <= 150; n++) {
            letter(source, "{\"n\": " + n + "}");
        }

        int replayed = replay.run(new DeadLetterReplay.Request(source, 120, false));

        assertThat(replayed).isEqualTo(120);
        assertThat(dataOf(source)).hasSize(120).startsWith("{\"n\": 1}").endsWith("{\"n\": 120}");
        assertThat(redis.xlen(deadLetters)).isEqualTo(30);
    }

    @Test
    void aDryRunListsTheLettersAndChangesNothing() {
        String id = letter(source, "{\"n\": 1}");

        int replayed = replay.run(new DeadLetterReplay.Request(source, 100, true));

        assertThat(replayed).isEqualTo(1);
        assertThat(redis.exists(source)).isZero();
        assertThat(redis.xlen(deadLetters)).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("would replay " + id + " to stream " + source + " (failed: unknown batch): {\"n\": 1}");
    }

    @Test
    void replaysEveryFieldOfTheEntryALetterKeptByteForByte() {
        byte[] notUtf8 = {'{', (byte) 0xFF, 0, '\r', '\n', '}'};
        Map<String, byte[]> entry = new LinkedHashMap<>();
        entry.put("data", notUtf8);
        entry.put("trace", utf8("t-1"));
        DeadLetter letter = new DeadLetter(source, notUtf8, "Malformed JSON", Instant.now(), Optional.of("1-0"), entry);
        bytes.xadd(deadLetters, letter.fields());

        int replayed = replay.run(new DeadLetterReplay.Request(source, 100, false));

        assertThat(replayed).isEqualTo(1);
        Map<String, byte[]> replayedEntry = bytes.xrange(source, Range.create("-", "+")).get(0).getBody();
        assertThat(replayedEntry.keySet()).containsExactly("data", "trace");
        assertThat(replayedEntry.get("data")).isEqualTo(notUtf8);
        assertThat(replayedEntry.get("trace")).isEqualTo(utf8("t-1"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("\r", "\u0000");
    }

    @Test
    void replaysAnEntryWithoutDataAsItWasWithoutData() {
        Map<String, byte[]> entry = Map.of("payload", utf8("{\"n\": 1}"));
        bytes.xadd(deadLetters, new DeadLetter(source, new byte[0], "the entry has no field data, only payload",
                Instant.now(), Optional.of("1-0"), entry).fields());

        replay.run(new DeadLetterReplay.Request(source, 100, false));

        assertThat(redis.xrange(source, Range.create("-", "+")).get(0).getBody())
                .containsExactly(Map.entry("payload", "{\"n\": 1}"));
    }

    private String letter(String from, String payload) {
        return redis.xadd(deadLetters, Map.of("source", from, "payload", payload, "error", "unknown batch",
                "failed_at", "2026-03-01T10:15:30Z"));
    }

    private List<String> dataOf(String stream) {
        return redis.xrange(stream, Range.create("-", "+")).stream().map(entry -> entry.getBody().get("data")).toList();
    }
}
