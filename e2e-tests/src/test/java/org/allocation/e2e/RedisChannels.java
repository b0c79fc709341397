package org.allocation.e2e;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The suite's side of Redis, as the book's {@code redis_client}: publishes messages to the system, listens to what
 * it publishes, and reads the {@code dead_letter} stream where it puts the messages it could not handle.
 */
final class RedisChannels implements AutoCloseable {

    static final String DEAD_LETTER = "dead_letter";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> commands;

    private RedisChannels(RedisClient client) {
        this.client = client;
        this.connection = client.connect();
        this.commands = connection.sync();
    }

    static RedisChannels connect(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(uri);
        try {
            return new RedisChannels(client);
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("Could not connect to Redis at " + url
                    + " (set ALLOCATION_TEST_REDIS_URL): " + e.getMessage(), e);
        }
    }

    void publish(String channel, String payload) {
        commands.publish(channel, payload);
    }

    /** Subscribed when this returns: whatever is published afterwards is received. */
    Subscription subscribeTo(String channel) {
        return Subscription.open(client, channel);
    }

    /** How many clients are subscribed to each channel, on this Redis server. */
    Map<String, Long> subscriberCounts(String... channels) {
        return commands.pubsubNumsub(channels);
    }

    /** The id of the newest dead letter, to read only those that come after it; "0-0" when there is none. */
    String lastDeadLetterId() {
        List<StreamMessage<String, String>> newest = commands.xrevrange(DEAD_LETTER, Range.unbounded(),
                Limit.create(0, 1));
        return newest.isEmpty() ? "0-0" : newest.get(0).getId();
    }

    /** Waits for a dead letter, added after {@code afterId}, that {@code matching} accepts. */
    DeadLetter awaitDeadLetter(String afterId, String description, Predicate<DeadLetter> matching) {
        return Eventually.await("a dead letter " + description + " is in " + DEAD_LETTER, Eventually.DEFAULT_TIMEOUT,
                () -> deadLettersAfter(afterId).stream().filter(matching).findFirst());
    }

    List<DeadLetter> deadLettersAfter(String afterId) {
        List<StreamMessage<String, String>> entries = commands.xread(XReadArgs.Builder.count(10_000),
                XReadArgs.StreamOffset.from(DEAD_LETTER, afterId));
        return entries == null ? List.of()
                : entries.stream().map(entry -> new DeadLetter(entry.getId(), entry.getBody())).toList();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** An entry of the {@code dead_letter} stream: fields source, payload, error, failed_at. */
    record DeadLetter(String id, Map<String, String> fields) {

        Optional<String> field(String name) {
            return Optional.ofNullable(fields.get(name));
        }

        String source() {
            return field("source").orElse("");
        }

        String payload() {
            return field("payload").orElse("");
        }

        String error() {
            return field("error").orElse("");
        }
    }
}
