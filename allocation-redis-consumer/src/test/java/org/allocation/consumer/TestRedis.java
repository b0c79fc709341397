package org.allocation.consumer;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.allocation.adapters.redis.RedisClients;

/**
 * The Redis the integration tests share with everyone else's: at {@code ALLOCATION_TEST_REDIS_URL}, by default
 * the local one. Tests keep out of each other's way with unique markers, never by flushing anything.
 */
final class TestRedis implements AutoCloseable {

    private final RedisURI uri;
    private final RedisClient client;
    private final RedisCommands<String, String> commands;

    TestRedis() {
        URI url = URI.create(System.getenv().getOrDefault("ALLOCATION_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
        this.uri = RedisURI.create(url);
        // Made as the process makes it, so the tests see its timeouts and its behaviour while disconnected.
        this.client = RedisClients.create(url);
        this.commands = client.connect().sync();
    }

    RedisClient client() {
        return client;
    }

    RedisURI uri() {
        return uri;
    }

    void publish(String channel, String payload) {
        commands.publish(channel, payload);
    }

    /** The id of the newest dead letter, so that a test reads only those added after it. */
    String lastDeadLetterId() {
        return commands.xrevrange(RedisDeadLetters.STREAM, Range.create("-", "+"), Limit.from(1)).stream()
                .findFirst().map(StreamMessage::getId).orElse("0-0");
    }

    List<Map<String, String>> deadLettersAfter(String id) {
        return commands.xrange(RedisDeadLetters.STREAM,
                        Range.from(Range.Boundary.excluding(id), Range.Boundary.unbounded())).stream()
                .map(StreamMessage::getBody).toList();
    }

    /** Our connection named {@code name}, as {@code CLIENT LIST} describes it, if there is one. */
    Optional<Map<String, String>> connectionNamed(String name) {
        return commands.clientList().lines().map(TestRedis::fields)
                .filter(fields -> name.equals(fields.get("name"))).findFirst();
    }

    void kill(long connectionId) {
        commands.clientKill(new io.lettuce.core.KillArgs().id(connectionId));
    }

    private static Map<String, String> fields(String clientListLine) {
        return Arrays.stream(clientListLine.split(" ")).map(field -> field.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair.length > 1 ? pair[1] : "", (a, b) -> b));
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
