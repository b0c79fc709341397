package org.allocation.consumer;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.allocation.service.retry.Backoff;
import org.allocation.service.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes commands from the inbound Redis Streams through a consumer group, at least once, and hands them to the
 * {@link MessageHandler}, which makes each entry's effect happen once (its id is recorded with the change). An
 * entry is acknowledged only once its outcome is final ({@link EntrySettler}).
 *
 * <p>This class is the reading loop; it reads only while {@code active} says so (one consumer of the group reads
 * at a time, or the order of a key's entries would depend on which consumer got which), and then:
 * <ol>
 *   <li>once, on becoming active, takes over every entry pending in the group, whoever it was delivered to,
 *       and removes from the group the consumers that are gone (they hold nothing now), see
 *       {@link ConsumerGroup#takeOverEverythingPending};</li>
 *   <li>every half {@code claimIdle}, with nothing else in hand, handles the entries left pending longer than
 *       {@code claimIdle} ({@link ConsumerGroup#claimAbandoned});</li>
 *   <li>handles its own pending entries (taken over, or left by a read whose reply was lost), read from the start
 *       of each stream with nothing else in hand, then read after read, before any new entry: so a key's entries
 *       still go to its worker in id order. After a read that failed (its reply may have been lost, and with it
 *       entries delivered to us), it does so again before reading on ({@link OwnPendingCursor});</li>
 *   <li>reads new entries. While a read comes back full (the consumer is behind), the next read is made as soon
 *       as there is room in hand ({@link InFlightEntries}), so the workers never wait for the slowest entry of a
 *       read; once a read comes back short (caught up), every entry in hand is settled before the next,
 *       blocking, read. Settled entries are acknowledged after each read.</li>
 * </ol>
 *
 * <p>One reading thread, on a connection of its own (a blocking read holds its connection), and
 * {@code workers} handling threads ({@link KeyedWorkers}, inside {@link InFlightEntries}).
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

    private final ConsumerGroup group;
    private final InFlightEntries inFlight;
    private final Options options;
    private final BooleanSupplier active;
    private final Thread thread;
    private volatile boolean running = true;
    private final Sleeper untilStopped = Sleeper.whileRunning(() -> running);

    // The reading thread's own: where it has got to.
    private boolean takenOver;
    private long nextClaim = System.nanoTime();
    private final OwnPendingCursor ownPending = new OwnPendingCursor();

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
        this.options = options;
        this.active = active;
        this.group = new ConsumerGroup(connection.sync(), options.group(), options.consumerName(),
                options.batchSize());
        // Two reads in hand at most, and so never more than that waiting for one worker.
        int room = 2 * options.batchSize() * ConsumerGroup.streams().length;
        EntrySettler settler = new EntrySettler(handler, options.maxDeliveries(), () -> running);
        this.inFlight = new InFlightEntries(new KeyedWorkers("stream-consumer", options.workers(), room), room,
                settler::settle, group::acknowledge);
        this.thread = new Thread(this::run, "stream-reader");
    }

    /** Creates the group on each stream where it is missing (and the stream too), then starts reading. */
    public void start() {
        group.create();
        thread.start();
        log.info("Reading streams {} as {} in group {}", String.join(", ", ConsumerGroup.streams()),
                options.consumerName(), options.group());
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
            inFlight.stop(STOP_TIMEOUT);
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                if (!active.getAsBoolean()) {
                    // Deposed (the lease lost, or unconfirmed for too long): another may be reading; we are stopped soon.
                    inFlight.settleEverythingInHand();
                    sleep(DEPOSED_CHECK);
                    continue;
                }
                takeOverOnce();
                claimAbandonedWhenDue();
                readAndHandOver();
                failures = 0;
            } catch (RedisException failure) {
                if (!running) {
                    break;
                }
                recoverFrom(failure, ++failures);
            }
        }
        // Stopping: what the workers finish is acknowledged, not left for a redelivery to recognise.
        try {
            inFlight.settleEverythingInHand();
        } catch (RedisException redisAway) {
            log.debug("Acknowledging the last entries failed; they stay pending", redisAway);
        }
    }

    private void takeOverOnce() {
        if (!takenOver) {
            group.takeOverEverythingPending(() -> running);
            group.removeConsumersThatAreGone();
            takenOver = true;
        }
    }

    private void claimAbandonedWhenDue() {
        if (System.nanoTime() - nextClaim >= 0) {
            inFlight.settleEverythingInHand();
            inFlight.handOver(group.claimAbandoned(options.claimIdle(), () -> running));
            inFlight.settleEverythingInHand();
            nextClaim = System.nanoTime() + claimInterval().toNanos();
        }
    }

    /** Often enough that a crashed consumer's entries wait little more than {@code claimIdle}. */
    private Duration claimInterval() {
        Duration half = options.claimIdle().dividedBy(2);
        return half.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : half;
    }

    /** One read, and the hand-over of what it brought: our own pending entries first, then new ones. */
    private void readAndHandOver() {
        if (ownPending.beginIfDue()) {
            // Entries in hand are pending too: settled first, so that none is handed out twice at once.
            inFlight.settleEverythingInHand();
        }
        if (ownPending.reading()) {
            readOwnPending();
        } else {
            readNewEntries();
        }
    }

    /**
     * Our pending entries in id order, each read once (the cursor moves past those in hand), and handed over as
     * new ones are: while the workers handle one read, the next is made. The last read, empty, ends the phase.
     */
    private void readOwnPending() {
        List<StreamEntry> pending = group.readOwnPendingAfter(ownPending.after());
        if (pending.isEmpty()) {
            inFlight.settleEverythingInHand();
            ownPending.finish();
            return;
        }
        ownPending.movePast(pending);
        inFlight.handOver(pending);
        inFlight.acknowledgeSettled();
    }

    private void readNewEntries() {
        List<StreamEntry> fresh = group.readNew(options.block());
        inFlight.handOver(fresh);
        inFlight.acknowledgeSettled();
        if (caughtUp(fresh)) {
            inFlight.settleEverythingInHand();
        }
    }

    /** A read that filled no stream's batch: there was nothing more waiting. */
    private boolean caughtUp(List<StreamEntry> read) {
        Map<String, Long> perStream = new HashMap<>();
        read.forEach(entry -> perStream.merge(entry.stream(), 1L, Long::sum));
        return perStream.values().stream().allMatch(count -> count < options.batchSize());
    }

    private void recoverFrom(RedisException failure, int failures) {
        // A read may have delivered entries whose reply never came: they are ours, pending, and only a read of our
        // own pending entries finds them again.
        ownPending.restart();
        Duration pause = Backoff.REDIS_AWAY.pause(failures);
        if (ConsumerGroup.isMissing(failure)) {
            log.warn("The consumer group is gone (Redis restarted without its data?); creating it again");
            tryToCreateGroup();
        } else {
            log.warn("Reading the streams failed ({}); retrying in {} ms", failure.getMessage(), pause.toMillis());
        }
        sleep(pause);
    }

    private void tryToCreateGroup() {
        try {
            group.create();
        } catch (RedisException stillDown) {
            log.debug("Creating the groups failed", stillDown);
        }
    }

    /** Returns early when stopped; an interrupt (which only a stop does) is kept for the loop to end on. */
    private void sleep(Duration pause) {
        try {
            untilStopped.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
