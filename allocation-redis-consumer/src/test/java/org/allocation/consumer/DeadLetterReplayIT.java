package org.allocation.consumer;

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
import java.util.List;
import java.util.Map;
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
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final DeadLetterReplay replay =
            new DeadLetterReplay(redis, deadLetters, new PrintStream(printed, true, StandardCharsets.UTF_8));

    @AfterEach
    void deleteStreams() {
        redis.del(source, otherSource, deadLetters);
        connection.close();
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

    private String letter(String from, String payload) {
        return redis.xadd(deadLetters, Map.of("source", from, "payload", payload, "error", "unknown batch",
                "failed_at", "2026-03-01T10:15:30Z"));
    }

    private List<String> dataOf(String stream) {
        return redis.xrange(stream, Range.create("-", "+")).stream().map(entry -> entry.getBody().get("data")).toList();
    }
}
