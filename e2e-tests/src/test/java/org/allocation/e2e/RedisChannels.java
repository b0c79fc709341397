package org.allocation.e2e;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Arrays;
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

    /** Names as text, values as bytes: for messages that are not UTF-8, read back exactly. */
    private static final RedisCodec<String, byte[]> BYTES = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> commands;
    private final StatefulRedisConnection<String, byte[]> bytesConnection;
    private final RedisCommands<String, byte[]> bytes;

    private RedisChannels(RedisClient client) {
        this.client = client;
        this.connection = client.connect();
        this.commands = connection.sync();
        this.bytesConnection = client.connect(BYTES);
        this.bytes = bytesConnection.sync();
    }

    static RedisChannels connect(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(5));
        // Reconnecting at most a second apart, as the processes do: after a failover the suite follows as fast.
        RedisClient client = RedisClient.create(DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
                        java.util.concurrent.TimeUnit.MILLISECONDS))
                .build(), uri);
        try {
            return new RedisChannels(client);
        } catch (RuntimeException e) {
            client.shutdown();
            client.getResources().shutdown();
            throw new IllegalStateException("Could not connect to Redis at " + url
                    + " (set ALLOCATION_TEST_REDIS_URL): " + e.getMessage(), e);
        }
    }

    void publish(String channel, String payload) {
        commands.publish(channel, payload);
    }

    /** Publishes bytes as they are, UTF-8 or not. */
    void publish(String channel, byte[] payload) {
        bytes.publish(channel, payload);
    }

    /** Appends an entry with exactly these fields, bytes as they are; returns its id. */
    String addToStream(String stream, Map<String, byte[]> fields) {
        return bytes.xadd(stream, fields);
    }

    /** Every field of each entry added to a stream after {@code afterId}, as bytes, in stream order. */
    List<Map<String, byte[]>> streamEntryBytesAfter(String stream, String afterId) {
        return bytes.xrange(stream, Range.from(Range.Boundary.excluding(afterId), Range.Boundary.unbounded()))
                .stream().map(StreamMessage::getBody).toList();
    }

    /** Waits for a dead letter, added after {@code afterId}, whose payload is exactly these bytes; its fields. */
    Map<String, byte[]> awaitDeadLetterWithPayload(String afterId, byte[] payload) {
        return await("a dead letter with payload " + Arrays.toString(payload) + " is in " + DEAD_LETTER)
                .until(() -> streamEntryBytesAfter(DEAD_LETTER, afterId).stream()
                        .filter(letter -> Arrays.equals(letter.get("payload"), payload)).findFirst(),
                        Optional::isPresent).get();
    }

    /** Waits for the dead letter of a stream entry; its fields, as bytes. */
    Map<String, byte[]> awaitDeadLetterOfEntry(String afterId, String stream, String entryId) {
        return await("a dead letter of " + stream + " entry " + entryId)
                .until(() -> streamEntryBytesAfter(DEAD_LETTER, afterId).stream()
                        .filter(letter -> text(letter.get("source")).equals(stream)
                                && text(letter.get("entry_id")).equals(entryId)).findFirst(),
                        Optional::isPresent).get();
    }

    static String text(byte[] value) {
        return value == null ? "" : new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Appends an entry with the field {@code data} to a stream, as a producer of commands does; returns its id. */
    String addToStream(String stream, String payload) {
        return commands.xadd(stream, Map.of("data", payload));
    }

    /** Appends many entries at once (pipelined); returns their ids in order. */
    List<String> addAllToStream(String stream, List<String> payloads) {
        var async = connection.async();
        var added = payloads.stream().map(payload -> async.xadd(stream, Map.of("data", payload))).toList();
        return added.stream().map(future -> {
            try {
                return future.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("XADD to " + stream + " failed: " + e, e);
            }
        }).toList();
    }

    /** The id of the newest entry of a stream, to read only what comes after it; "0-0" when there is none. */
    String lastId(String stream) {
        List<StreamMessage<String, String>> newest = commands.xrevrange(stream, Range.unbounded(), Limit.create(0, 1));
        return newest.isEmpty() ? "0-0" : newest.get(0).getId();
    }

    /** The {@code data} field of every entry added to a stream after {@code afterId}, in stream order. */
    List<String> streamDataAfter(String stream, String afterId) {
        return commands.xrange(stream, Range.from(Range.Boundary.excluding(afterId), Range.Boundary.unbounded()))
                .stream().map(entry -> entry.getBody().getOrDefault("data", "")).toList();
    }

    /** Every field of each entry added to a stream after {@code afterId}, in stream order. */
    List<Map<String, String>> streamEntriesAfter(String stream, String afterId) {
        return commands.xrange(stream, Range.from(Range.Boundary.excluding(afterId), Range.Boundary.unbounded()))
                .stream().map(StreamMessage::getBody).toList();
    }

    /** Entries of the consumer group {@code allocation} on a stream that are delivered but not acknowledged. */
    long pendingInGroup(String stream) {
        return commands.xpending(stream, "allocation").getCount();
    }

    /** Whether the group {@code allocation} has been given every entry of the stream (its last-delivered id). */
    boolean allDeliveredToGroup(String stream) {
        String last = lastId(stream);
        for (Object group : commands.xinfoGroups(stream)) {
            List<?> fields = (List<?>) group;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("last-delivered-id".equals(String.valueOf(fields.get(i)))) {
                    return last.equals(String.valueOf(fields.get(i + 1)));
                }
            }
        }
        return false;
    }

    /**
     * Whether the group {@code allocation} has been handed every entry of a stream and has acknowledged them
     * all: what was added so far is handled.
     */
    boolean groupCaughtUp(String stream) {
        String last = lastId(stream);
        for (Object group : commands.xinfoGroups(stream)) {
            List<?> fields = (List<?>) group;
            Map<String, Object> byName = new java.util.HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                byName.put(String.valueOf(fields.get(i)), fields.get(i + 1));
            }
            if ("allocation".equals(String.valueOf(byName.get("name")))) {
                return last.equals(String.valueOf(byName.get("last-delivered-id")))
                        && Long.valueOf(0).equals(byName.get("pending"));
            }
        }
        return false;
    }

    /** The ids of every entry a stream holds now. */
    java.util.Set<String> idsOf(String stream) {
        return commands.xrange(stream, Range.unbounded()).stream().map(StreamMessage::getId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Holds every client's write commands (and PUBLISH) on this Redis server for a while: CLIENT PAUSE WRITE. */
    void pauseWrites(java.time.Duration duration) {
        commands.dispatch(io.lettuce.core.protocol.CommandType.CLIENT, new io.lettuce.core.output.StatusOutput<>(
                io.lettuce.core.codec.StringCodec.UTF8), new io.lettuce.core.protocol.CommandArgs<>(
                io.lettuce.core.codec.StringCodec.UTF8).add("PAUSE").add(duration.toMillis()).add("WRITE"));
    }

    /** Deletes the streams the system reads and writes, in this run's Redis database. */
    void deleteStreams() {
        commands.del("allocate", "change_batch_quantity", "line_allocated", DEAD_LETTER);
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
        return await("a dead letter " + description + " is in " + DEAD_LETTER)
                .until(() -> deadLettersAfter(afterId).stream().filter(matching).findFirst(), Optional::isPresent)
                .get();
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
        bytesConnection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown();
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
