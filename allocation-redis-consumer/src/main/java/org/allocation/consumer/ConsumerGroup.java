package org.allocation.consumer;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This consumer's place in the consumer group on every inbound stream: the only class that speaks Redis
 * Streams to Redis. Each method is one conversation with the group, on every stream at once; entries come
 * back as {@link StreamEntry StreamEntries}, with how often the group has delivered each.
 *
 * <p>Reads take {@code COUNT batchSize} entries per stream. The connection is this consumer's alone: a
 * blocking read holds it.
 */
final class ConsumerGroup {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroup.class);
    private static final String[] STREAMS = InboundChannel.channelNames();
    /** Entries taken over per {@code XAUTOCLAIM JUSTID}: ids only, so a large batch is cheap. */
    private static final int TAKE_OVER_COUNT = 1_000;
    private static final String FROM_THE_START = "0-0";

    private final RedisCommands<String, byte[]> redis;
    private final String group;
    private final Consumer<String> me;
    private final int batchSize;

    /**
     * @param group        the group's name, {@value StreamConsumer#GROUP} in production
     * @param consumerName this consumer's name in the group, unique per process
     * @param batchSize    entries read at once from each stream
     */
    ConsumerGroup(RedisCommands<String, byte[]> redis, String group, String consumerName, int batchSize) {
        this.redis = redis;
        this.group = group;
        this.me = Consumer.from(group, consumerName);
        this.batchSize = batchSize;
    }

    /** The streams read: one per inbound channel, of the same name. */
    static String[] streams() {
        return STREAMS.clone();
    }

    /** Creates the group on each stream where it is missing (and the stream too). */
    void create() {
        for (String stream : STREAMS) {
            try {
                // From the stream's first entry: what was sent before the group existed is not lost.
                redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), group,
                        XGroupCreateArgs.Builder.mkstream());
            } catch (RedisBusyException exists) {
                // BUSYGROUP: another consumer created it first.
            }
        }
    }

    /** Whether a command failed because the group is missing (Redis restarted without its data). */
    static boolean isMissing(RedisException failure) {
        return failure instanceof RedisCommandExecutionException
                && String.valueOf(failure.getMessage()).startsWith("NOGROUP");
    }

    /** Entries never delivered to the group before, waiting up to {@code block} for some to come. */
    List<StreamEntry> readNew(Duration block) {
        XReadArgs.StreamOffset<String>[] offsets = offsets(stream -> ">");
        return entries(redis.xreadgroup(me, XReadArgs.Builder.count(batchSize).block(block), offsets));
    }

    /**
     * Our own pending entries after the given id of each stream (from the start of a stream not given), in id
     * order within each stream, with their deliveries (this one counted).
     */
    List<StreamEntry> readOwnPendingAfter(Map<String, String> after) {
        XReadArgs.StreamOffset<String>[] offsets = offsets(stream -> after.getOrDefault(stream, "0"));
        return withDeliveries(entries(redis.xreadgroup(me, XReadArgs.Builder.count(batchSize), offsets)));
    }

    /**
     * Makes every entry pending in the group ours, whoever it was delivered to ({@code XAUTOCLAIM} with no idle
     * time), without delivering it ({@code JUSTID}, which leaves its delivery count alone: reading it as our own
     * pending entry counts the delivery). Only for the deployment's one active consumer
     * ({@link SingleActiveConsumer}): any other holder is dead or deposed.
     *
     * @param running whether to go on: a stopping consumer leaves the rest where it is
     */
    void takeOverEverythingPending(BooleanSupplier running) {
        long taken = 0;
        for (String stream : STREAMS) {
            String cursor = FROM_THE_START;
            do {
                ClaimedMessages<String, byte[]> batch = redis.xautoclaim(stream, XAutoClaimArgs.Builder
                        .xautoclaim(me, Duration.ZERO, cursor).count(TAKE_OVER_COUNT).justid());
                taken += batch.getMessages().size();
                cursor = batch.getId();
            } while (running.getAsBoolean() && !FROM_THE_START.equals(cursor));
        }
        log.info("Took over {} entries pending in group {} (ours before, or of consumers that are gone)", taken,
                group);
    }

    /**
     * Removes from the group the other consumers that hold nothing ({@code XGROUP DELCONSUMER}): after
     * {@link #takeOverEverythingPending}, with one active consumer, they are gone.
     */
    void removeConsumersThatAreGone() {
        for (String stream : STREAMS) {
            for (Object consumer : redis.xinfoConsumers(stream, group)) {
                Map<String, Object> fields = fields(consumer);
                String name = String.valueOf(fields.get("name"));
                if (!name.equals(me.getName()) && Long.valueOf(0).equals(fields.get("pending"))) {
                    redis.xgroupDelconsumer(stream, Consumer.from(group, name));
                    log.info("Removed consumer {} from group {} of {}: it is gone", name, group, stream);
                }
            }
        }
    }

    /**
     * Takes over, and delivers to us, the entries left pending for longer than {@code idle} by any consumer,
     * this one included ({@code XAUTOCLAIM}): what a stuck consumer holds is not held forever. About one read's
     * worth at most, with their deliveries (this one counted).
     *
     * @param running whether to go on: a stopping consumer leaves the rest where it is
     */
    List<StreamEntry> claimAbandoned(Duration idle, BooleanSupplier running) {
        List<StreamEntry> claimed = new ArrayList<>();
        for (String stream : STREAMS) {
            String cursor = FROM_THE_START;
            do {
                ClaimedMessages<String, byte[]> batch = redis.xautoclaim(stream,
                        XAutoClaimArgs.Builder.xautoclaim(me, idle, cursor).count(batchSize));
                batch.getMessages().stream().map(StreamEntry::of).forEach(claimed::add);
                cursor = batch.getId();
            } while (running.getAsBoolean() && !FROM_THE_START.equals(cursor) && claimed.size() < batchSize);
        }
        if (!claimed.isEmpty()) {
            log.warn("Took over {} entries left pending for more than {} ms", claimed.size(), idle.toMillis());
        }
        return withDeliveries(claimed);
    }

    /** Acknowledges the entries ({@code XACK}): one command per stream, for all of its entries. */
    void acknowledge(List<StreamEntry> entries) {
        Map<String, List<String>> idsByStream = new HashMap<>();
        for (StreamEntry entry : entries) {
            idsByStream.computeIfAbsent(entry.stream(), stream -> new ArrayList<>()).add(entry.id());
        }
        idsByStream.forEach((stream, ids) -> redis.xack(stream, group, ids.toArray(String[]::new)));
    }

    /** The entries with how often each has been delivered, from the group's pending list ({@code XPENDING}). */
    private List<StreamEntry> withDeliveries(List<StreamEntry> entries) {
        Map<String, Long> deliveries = new HashMap<>();
        for (String stream : STREAMS) {
            List<StreamEntry> ofStream = entries.stream().filter(entry -> entry.stream().equals(stream)).toList();
            if (ofStream.isEmpty()) {
                continue;
            }
            String first = ofStream.stream().map(StreamEntry::id).min(StreamEntry.ID_ORDER).orElseThrow();
            String last = ofStream.stream().map(StreamEntry::id).max(StreamEntry.ID_ORDER).orElseThrow();
            for (PendingMessage pending : redis.xpending(stream, group, Range.create(first, last),
                    Limit.from(Math.max(ofStream.size(), 10) * 4L))) {
                deliveries.put(stream + " " + pending.getId(), pending.getRedeliveryCount());
            }
        }
        return entries.stream()
                .map(entry -> entry.deliveredTimes(deliveries.getOrDefault(entry.stream() + " " + entry.id(), 1L)))
                .toList();
    }

    private static List<StreamEntry> entries(List<StreamMessage<String, byte[]>> read) {
        return read == null ? List.of() : read.stream().map(StreamEntry::of).toList();
    }

    @SuppressWarnings("unchecked")
    private static XReadArgs.StreamOffset<String>[] offsets(Function<String, String> from) {
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[STREAMS.length];
        for (int i = 0; i < STREAMS.length; i++) {
            offsets[i] = XReadArgs.StreamOffset.from(STREAMS[i], from.apply(STREAMS[i]));
        }
        return offsets;
    }

    /**
     * XINFO CONSUMERS describes each consumer as a flat list of names and values; the texts come as bytes
     * (our connection's values are), the numbers as numbers.
     */
    private static Map<String, Object> fields(Object description) {
        Map<String, Object> fields = new HashMap<>();
        if (description instanceof List<?> flat) {
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                Object value = flat.get(i + 1);
                fields.put(text(flat.get(i)), value instanceof byte[] ? text(value) : value);
            }
        }
        return fields;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
