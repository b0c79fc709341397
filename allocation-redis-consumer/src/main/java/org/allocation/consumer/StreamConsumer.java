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
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.allocation.adapters.redis.StreamEntryFields;
import org.allocation.service.retry.Backoff;
import org.allocation.service.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes commands from the inbound Redis Streams through a consumer group, at least once, and hands them to the
 * {@link MessageHandler}, which makes each entry's effect happen once (its id is recorded with the change).
 *
 * <ul>
 *   <li>An entry is acknowledged only once its outcome is final: handled and committed, recognised as handled
 *       before, or dead-lettered. While storage is down, the entry in hand is tried again (with backoff) and
 *       nothing behind it overtakes it.</li>
 *   <li>On starting, it takes over every entry pending in the group at once, whoever it was delivered to
 *       ({@code XAUTOCLAIM} with no idle time): it is the deployment's one active consumer
 *       ({@link SingleActiveConsumer}), so any other holder is dead or deposed. It then handles its own pending
 *       entries, in id order, before reading new ones, and removes from the group the consumers that are gone
 *       (they hold nothing now). After a read that failed (its reply may have been lost, and with it entries
 *       delivered to us), it handles its own pending entries again before reading on.</li>
 *   <li>Entries left pending for longer than {@code claimIdle}, by this consumer or another, are taken over
 *       with {@code XAUTOCLAIM} as well: what a stuck consumer holds is not held forever. One delivered more
 *       than {@code maxDeliveries} times is dead-lettered unhandled: whatever it does keeps killing its
 *       consumers.</li>
 *   <li>The entries of one read ({@code COUNT batchSize} per stream) are handed, in id order (the order they
 *       were added in: the ids are times), to the {@link KeyedWorkers}: entries with the same
 *       {@link OrderingKey} (a SKU's allocations, a batch's changes) are handled in that order, one at a time,
 *       and the others side by side. While a read comes back full (the consumer is behind), the next read is
 *       made as soon as there is room in hand (two reads' worth), so the workers never wait for the slowest
 *       entry of a read; once a read comes back short (caught up), every entry in hand is settled before the
 *       next, blocking, read. Settled entries are acknowledged after each read, one {@code XACK} per stream.
 *       Our own pending entries (taken over, or left by a read whose reply was lost) are read from the start of
 *       each stream with nothing else in hand, then handed over read after read in the same way, before any new
 *       entry: so a key's entries still go to its worker in id order. Entries claimed for being idle too long
 *       are handled with nothing else in hand.</li>
 * </ul>
 *
 * <p>One reading thread, on a connection of its own (a blocking read holds its connection), and
 * {@code workers} handling threads. It reads only while {@code active} says so: one consumer of the group
 * reads at a time, or the order of a key's entries would depend on which consumer got which.
 */
public final class StreamConsumer implements AutoCloseable {

    /**
     * @param group         the consumer group, {@value #GROUP} in production
     * @param consumerName  this consumer's name in the group, unique per process
     * @param claimIdle     how long an entry may stay unacknowledged before another consumer takes it over
     * @param maxDeliveries deliveries of one entry before it is dead-lettered without being handled
     * @param batchSize     entries read at once from each stream
     * @param block         how long a read waits for new entries; bounds how long stopping takes
     * @param workers       how many entries are handled at once (each takes a database connection)
     */
    public record Options(String group, String consumerName, Duration claimIdle, int maxDeliveries, int batchSize,
                          Duration block, int workers) {

        public static Options standard(String consumerName, Duration claimIdle, int maxDeliveries, int workers) {
            return new Options(GROUP, consumerName, claimIdle, maxDeliveries, 200, Duration.ofSeconds(1), workers);
        }
    }

    public static final String GROUP = "allocation";

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
    /** How often a deposed consumer looks whether it is stopped or active again. */
    private static final Duration DEPOSED_CHECK = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String[] STREAMS = InboundChannel.channelNames();
    /** Entries taken over per {@code XAUTOCLAIM JUSTID}: ids only, so a large batch is cheap. */
    private static final int TAKE_OVER_COUNT = 1_000;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> redis;
    private final MessageHandler handler;
    private final Options options;
    private final Consumer<String> me;
    private final KeyedWorkers workers;
    /** Room for the entries handed to the workers and not settled yet. */
    private final Semaphore inHand;
    private final int window;
    private final Queue<Entry> settled = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final BooleanSupplier active;
    private volatile boolean running = true;
    private final Sleeper untilStopped = Sleeper.whileRunning(() -> running);

    /** A consumer that is always active: the only one of its group. */
    public StreamConsumer(StatefulRedisConnection<String, byte[]> connection, MessageHandler handler,
                          Options options) {
        this(connection, handler, options, () -> true);
    }

    /**
     * @param connection for this consumer alone; the caller closes it after us
     * @param active     whether this consumer may read now (it is the group's active one)
     */
    public StreamConsumer(StatefulRedisConnection<String, byte[]> connection, MessageHandler handler,
                          Options options, BooleanSupplier active) {
        this.active = active;
        this.connection = connection;
        this.redis = connection.sync();
        this.handler = handler;
        this.options = options;
        this.me = Consumer.from(options.group(), options.consumerName());
        // Two reads in hand at most, and so never more than that waiting for one worker.
        this.window = 2 * options.batchSize() * STREAMS.length;
        this.inHand = new Semaphore(window);
        this.workers = new KeyedWorkers("stream-consumer", options.workers(), window);
        this.thread = new Thread(this::run, "stream-reader");
    }

    /** Creates the group on each stream where it is missing (and the stream too), then starts reading. */
    public void start() {
        createGroups();
        thread.start();
        log.info("Reading streams {} as {} in group {}", String.join(", ", STREAMS), options.consumerName(),
                options.group());
    }

    /**
     * Stops after the entries in hand (interrupting them only when they take too long); what is not
     * acknowledged stays pending for the next consumer.
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(options.block().plus(STOP_TIMEOUT).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            // Entries that never started stay pending: nothing to log, the next consumer has them.
            workers.stop(STOP_TIMEOUT);
        }
    }

    private void createGroups() {
        for (String stream : STREAMS) {
            try {
                // From the stream's first entry: what was sent before the group existed is not lost.
                redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), options.group(),
                        XGroupCreateArgs.Builder.mkstream());
            } catch (RedisBusyException exists) {
                // BUSYGROUP: another consumer created it first.
            }
        }
    }

    private void run() {
        boolean takenOver = false;
        long nextClaim = System.nanoTime();
        boolean ownPendingFirst = true;
        // Where the reading of our own pending entries has got to in each stream; null while reading new ones.
        Map<String, String> pendingAfter = null;
        int failures = 0;
        while (running) {
            try {
                if (!active.getAsBoolean()) {
                    // Deposed (the lease lost, or unconfirmed for too long): another may be reading; we are stopped soon.
                    settleEverythingInHand();
                    sleep(DEPOSED_CHECK);
                    continue;
                }
                if (!takenOver) {
                    takeOverEverythingPending();
                    removeConsumersThatAreGone();
                    takenOver = true;
                }
                if (System.nanoTime() - nextClaim >= 0) {
                    settleEverythingInHand();
                    handle(claimAbandoned());
                    nextClaim = System.nanoTime() + claimInterval().toNanos();
                }
                if (ownPendingFirst) {
                    // Entries in hand are pending too: settled first, so that none is handed out twice at once.
                    settleEverythingInHand();
                    pendingAfter = new HashMap<>();
                    ownPendingFirst = false;
                }
                if (pendingAfter != null) {
                    // Our pending entries in id order, each read once (the cursor moves past those in hand), and
                    // handed over as new ones are: while the workers handle one read, the next is made.
                    List<Entry> pending = withDeliveries(readPendingAfter(pendingAfter));
                    if (pending.isEmpty()) {
                        settleEverythingInHand();
                        pendingAfter = null;
                    } else {
                        for (Entry entry : pending) {
                            pendingAfter.merge(entry.stream(), entry.id(),
                                    (one, other) -> Entry.ID_ORDER.compare(one, other) >= 0 ? one : other);
                        }
                        handOver(pending);
                        acknowledgeSettled();
                    }
                } else {
                    List<Entry> fresh = read(">", options.block());
                    handOver(fresh.stream().map(entry -> entry.deliveredTimes(1)).toList());
                    acknowledgeSettled();
                    if (caughtUp(fresh)) {
                        settleEverythingInHand();
                    }
                }
                failures = 0;
            } catch (RedisException failure) {
                if (!running) {
                    break;
                }
                // A read may have delivered entries whose reply never came: they are ours, pending, and only a
                // read of our own pending entries finds them again.
                ownPendingFirst = true;
                Duration pause = Backoff.REDIS_AWAY.pause(++failures);
                if (failure instanceof RedisCommandExecutionException && String.valueOf(failure.getMessage())
                        .startsWith("NOGROUP")) {
                    log.warn("The consumer group is gone (Redis restarted without its data?); creating it again");
                    tryToCreateGroups();
                } else {
                    log.warn("Reading the streams failed ({}); retrying in {} ms", failure.getMessage(),
                            pause.toMillis());
                }
                sleep(pause);
            }
        }
        // Stopping: what the workers finish is acknowledged, not left for a redelivery to recognise.
        try {
            settleEverythingInHand();
        } catch (RedisException redisAway) {
            log.debug("Acknowledging the last entries failed; they stay pending", redisAway);
        }
    }

    private void tryToCreateGroups() {
        try {
            createGroups();
        } catch (RedisException stillDown) {
            log.debug("Creating the groups failed", stillDown);
        }
    }

    /** Often enough that a crashed consumer's entries wait little more than {@code claimIdle}. */
    private Duration claimInterval() {
        Duration half = options.claimIdle().dividedBy(2);
        return half.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : half;
    }

    private List<Entry> read(String from, Duration block) {
        XReadArgs args = XReadArgs.Builder.count(options.batchSize());
        if (block != null) {
            args.block(block);
        }
        XReadArgs.StreamOffset<String>[] offsets = offsets(from);
        List<StreamMessage<String, byte[]>> read = redis.xreadgroup(me, args, offsets);
        return read == null ? List.of() : read.stream().map(Entry::of).toList();
    }

    /** Our own pending entries after the given id of each stream (from the start of a stream not given). */
    @SuppressWarnings("unchecked")
    private List<Entry> readPendingAfter(Map<String, String> after) {
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[STREAMS.length];
        for (int i = 0; i < STREAMS.length; i++) {
            offsets[i] = XReadArgs.StreamOffset.from(STREAMS[i], after.getOrDefault(STREAMS[i], "0"));
        }
        List<StreamMessage<String, byte[]>> read = redis.xreadgroup(me, XReadArgs.Builder.count(options.batchSize()),
                offsets);
        return read == null ? List.of() : read.stream().map(Entry::of).toList();
    }

    @SuppressWarnings("unchecked")
    private static XReadArgs.StreamOffset<String>[] offsets(String from) {
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[STREAMS.length];
        for (int i = 0; i < STREAMS.length; i++) {
            offsets[i] = XReadArgs.StreamOffset.from(STREAMS[i], from);
        }
        return offsets;
    }

    /**
     * Makes every entry pending in the group this consumer's, without delivering it ({@code JUSTID}, which
     * leaves its delivery count alone: reading it as our own pending entry counts the delivery).
     */
    private void takeOverEverythingPending() {
        long taken = 0;
        for (String stream : STREAMS) {
            String cursor = "0-0";
            do {
                ClaimedMessages<String, byte[]> batch = redis.xautoclaim(stream, XAutoClaimArgs.Builder
                        .xautoclaim(me, Duration.ZERO, cursor).count(TAKE_OVER_COUNT).justid());
                taken += batch.getMessages().size();
                cursor = batch.getId();
            } while (running && !"0-0".equals(cursor));
        }
        log.info("Took over {} entries pending in group {} (ours before, or of consumers that are gone)", taken,
                options.group());
    }

    /** Removes the group's other consumers that hold nothing: with one active consumer, they are gone. */
    private void removeConsumersThatAreGone() {
        for (String stream : STREAMS) {
            for (Object consumer : redis.xinfoConsumers(stream, options.group())) {
                Map<String, Object> fields = fields(consumer);
                String name = String.valueOf(fields.get("name"));
                if (!name.equals(options.consumerName()) && Long.valueOf(0).equals(fields.get("pending"))) {
                    redis.xgroupDelconsumer(stream, Consumer.from(options.group(), name));
                    log.info("Removed consumer {} from group {} of {}: it is gone", name, options.group(), stream);
                }
            }
        }
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
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(value);
    }

    /** Takes over the entries left pending too long by any consumer, this one included. */
    private List<Entry> claimAbandoned() {
        List<Entry> claimed = new ArrayList<>();
        for (String stream : STREAMS) {
            String cursor = "0-0";
            do {
                ClaimedMessages<String, byte[]> batch = redis.xautoclaim(stream,
                        XAutoClaimArgs.Builder.xautoclaim(me, options.claimIdle(), cursor).count(options.batchSize()));
                batch.getMessages().stream().map(Entry::of).forEach(claimed::add);
                cursor = batch.getId();
            } while (running && !"0-0".equals(cursor) && claimed.size() < options.batchSize());
        }
        if (!claimed.isEmpty()) {
            log.warn("Took over {} entries left pending for more than {} ms", claimed.size(),
                    options.claimIdle().toMillis());
        }
        return withDeliveries(claimed);
    }

    /** The entries with how often each has been delivered, from the group's pending list. */
    private List<Entry> withDeliveries(List<Entry> entries) {
        Map<String, Long> deliveries = new HashMap<>();
        for (String stream : STREAMS) {
            List<Entry> ofStream = entries.stream().filter(entry -> entry.stream().equals(stream)).toList();
            if (ofStream.isEmpty()) {
                continue;
            }
            String first = ofStream.stream().map(Entry::id).min(Entry.ID_ORDER).orElseThrow();
            String last = ofStream.stream().map(Entry::id).max(Entry.ID_ORDER).orElseThrow();
            for (PendingMessage pending : redis.xpending(stream, options.group(), Range.create(first, last),
                    Limit.from(Math.max(ofStream.size(), 10) * 4L))) {
                deliveries.put(stream + " " + pending.getId(), pending.getRedeliveryCount());
            }
        }
        return entries.stream()
                .map(entry -> entry.deliveredTimes(deliveries.getOrDefault(entry.stream() + " " + entry.id(), 1L)))
                .toList();
    }

    /** Hands the entries to the workers, waits until everything in hand is settled, and acknowledges it. */
    private void handle(List<Entry> entries) {
        handOver(entries);
        settleEverythingInHand();
    }

    /** Hands the entries to the workers in id order, each once there is room in hand; does not wait for them. */
    private void handOver(List<Entry> entries) {
        List<Entry> inOrder = new ArrayList<>(entries);
        inOrder.sort(Comparator.comparing(Entry::id, Entry.ID_ORDER));
        for (Entry entry : inOrder) {
            try {
                inHand.acquire();
            } catch (InterruptedException interrupted) {
                // Stopping: this entry and the rest stay pending.
                Thread.currentThread().interrupt();
                return;
            }
            boolean offered = workers.offer(orderingKey(entry), () -> {
                try {
                    if (settle(entry)) {
                        settled.add(entry);
                    }
                } finally {
                    inHand.release();
                }
            });
            if (!offered) {
                // Stopping: the entry stays pending.
                inHand.release();
            }
        }
    }

    /** Waits until nothing is in hand, then acknowledges what was settled. */
    private void settleEverythingInHand() {
        try {
            inHand.acquire(window);
            inHand.release(window);
        } catch (InterruptedException interrupted) {
            // Stopping, and the workers took too long: what they settle is recognised when delivered again.
            Thread.currentThread().interrupt();
            return;
        }
        acknowledgeSettled();
    }

    /** A read that filled no stream's batch: there was nothing more waiting. */
    private boolean caughtUp(List<Entry> read) {
        Map<String, Long> perStream = new HashMap<>();
        read.forEach(entry -> perStream.merge(entry.stream(), 1L, Long::sum));
        return perStream.values().stream().allMatch(count -> count < options.batchSize());
    }

    private void acknowledgeSettled() {
        List<Entry> done = new ArrayList<>();
        for (Entry entry = settled.poll(); entry != null; entry = settled.poll()) {
            done.add(entry);
        }
        if (!done.isEmpty()) {
            acknowledge(done);
        }
    }

    private static String orderingKey(Entry entry) {
        byte[] payload = entry.fields() == null ? null : entry.fields().get(StreamEntryFields.DATA);
        return payload == null ? OrderingKey.UNREADABLE : OrderingKey.of(entry.stream(), payload);
    }

    /**
     * Handles one entry until its outcome is final, on a worker's thread.
     *
     * @return false when the consumer stopped first: the entry stays pending
     */
    private boolean settle(Entry entry) {
        if (!running) {
            return false;
        }
        MessageHandler.Outcome outcome = outcomeOf(entry);
        for (int retry = 1; outcome == MessageHandler.Outcome.RETRY_LATER || outcome == MessageHandler.Outcome.LOST;
                retry++) {
            // Storage (or, for LOST, Redis) is down: the entry stays ours and pending until it is done, and the
            // entries with its key wait behind it.
            if (!sleep(Backoff.REDIS_AWAY.pause(retry))) {
                return false;
            }
            outcome = outcomeOf(entry);
        }
        return true;
    }

    /** One {@code XACK} per stream for all its settled entries. */
    private void acknowledge(List<Entry> settled) {
        Map<String, List<String>> idsByStream = new HashMap<>();
        for (Entry entry : settled) {
            idsByStream.computeIfAbsent(entry.stream(), stream -> new ArrayList<>()).add(entry.id());
        }
        idsByStream.forEach((stream, ids) -> redis.xack(stream, options.group(), ids.toArray(String[]::new)));
    }

    private MessageHandler.Outcome outcomeOf(Entry entry) {
        if (entry.fields() == null) {
            // Deleted from the stream (trimmed) while pending: there is nothing left to handle.
            log.warn("Entry {} of {} was deleted while pending; acknowledging it", entry.id(), entry.stream());
            return MessageHandler.Outcome.DEAD_LETTERED;
        }
        if (entry.deliveries() > options.maxDeliveries()) {
            return handler.giveUp(entry.stream(), entry.id(), entry.fields(), entry.deliveries());
        }
        return handler.handleEntry(entry.stream(), entry.id(), entry.fields());
    }

    /** @return false when stopped (or interrupted, which only a stop does) meanwhile */
    private boolean sleep(Duration pause) {
        try {
            untilStopped.sleep(pause);
            return running;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * One entry of an inbound stream, with how often it has been delivered to the group.
     *
     * @param fields as received, byte for byte; null when the entry was deleted (trimmed) while pending
     */
    private record Entry(String stream, String id, Map<String, byte[]> fields, long deliveries) {

        /** Stream ids compare as their two numbers: milliseconds, then sequence. */
        static final Comparator<String> ID_ORDER = Comparator
                .<String>comparingLong(id -> Long.parseLong(id.substring(0, id.indexOf('-'))))
                .thenComparingLong(id -> Long.parseLong(id.substring(id.indexOf('-') + 1)));

        static Entry of(StreamMessage<String, byte[]> message) {
            return new Entry(message.getStream(), message.getId(), message.getBody(), 1);
        }

        Entry deliveredTimes(long times) {
            return new Entry(stream, id, fields, times);
        }
    }
}
