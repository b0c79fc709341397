package org.allocation.consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.allocation.adapters.redis.RedisClients;
import org.allocation.service.messagebus.MessageBus;

/**
 * Everything the consumer process does with Redis: takes commands from the inbound channels, hands them to
 * the bus, and dead-letters what cannot be handled.
 *
 * <p>It opens connections of its own from the shared client, because a subscribed connection can do nothing
 * but listen and a blocking stream read holds its connection: one to subscribe, one to write dead letters,
 * and, when the streams are read, one for the {@link StreamConsumer}.
 */
public final class RedisConsumer implements AutoCloseable {

    /**
     * @param clientName        how our connections are named in {@code CLIENT LIST}, so they can be found
     * @param workers           how many pub/sub messages are handled at once, and as many stream entries
     *                          (see {@link KeyedWorkers}); each takes a database connection while it works
     * @param queueCapacity     received messages that may wait for each worker before more are refused
     * @param stopGrace         how long stopping lets received messages finish (twice, see
     *                          {@link KeyedWorkers#stop})
     * @param deadLetterTimeout how long to wait for Redis to store a dead letter before logging it as lost
     */
    public record Options(String clientName, int workers, int queueCapacity, Duration stopGrace,
                          Duration deadLetterTimeout, StorageRetry storageRetry, long deadLetterMaxLength,
                          Optional<StreamConsumer.Options> streams) {

        /** Pub/sub only, as in the book. */
        public static Options standard(int workers) {
            return new Options("allocation-consumer", workers, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(5),
                    StorageRetry.standard(), RedisDeadLetters.MAX_LENGTH, Optional.empty());
        }

        /** Pub/sub and the inbound streams, with as many workers for each. */
        public static Options withStreams(StreamConsumer.Options streams, long deadLetterMaxLength) {
            Options standard = standard(streams.workers());
            return new Options(standard.clientName(), standard.workers(), standard.queueCapacity(),
                    standard.stopGrace(), standard.deadLetterTimeout(), standard.storageRetry(), deadLetterMaxLength,
                    Optional.of(streams));
        }
    }

    private final StatefulRedisPubSubConnection<String, byte[]> subscribed;
    private final StatefulRedisConnection<String, byte[]> writing;
    private final PubSubConsumer pubSub;
    private StatefulRedisConnection<String, byte[]> reading;
    private StreamConsumer streams;

    private RedisConsumer(StatefulRedisPubSubConnection<String, byte[]> subscribed,
                          StatefulRedisConnection<String, byte[]> writing, PubSubConsumer pubSub) {
        this.subscribed = subscribed;
        this.writing = writing;
        this.pubSub = pubSub;
    }

    /**
     * Connects and subscribes; messages are handled from when this returns.
     *
     * @param redis where the client connects; the connections are opened with the name added to it
     */
    public static RedisConsumer start(MessageBus bus, RedisClient client, RedisURI redis, Options options) {
        return start(bus, client, redis, options, InboundMonitor.NONE);
    }

    /** As {@link #start(MessageBus, RedisClient, RedisURI, Options)}, telling {@code monitor} each outcome. */
    public static RedisConsumer start(MessageBus bus, RedisClient client, RedisURI redis, Options options,
                                      InboundMonitor monitor) {
        return start(bus, client, redis, options, monitor, () -> true);
    }

    /**
     * As {@link #start(MessageBus, RedisClient, RedisURI, Options, InboundMonitor)}, for one of several
     * consumer processes: messages are taken only while {@code active} says this is the active one.
     */
    static RedisConsumer start(MessageBus bus, RedisClient client, RedisURI redis, Options options,
                               InboundMonitor monitor, BooleanSupplier active) {
        // Named in the URI, not with CLIENT SETNAME: only the URI's name is set again when Lettuce reconnects.
        StatefulRedisConnection<String, byte[]> writing =
                client.connect(RedisBytes.CODEC, named(redis, options.clientName() + "-dead-letters"));
        StatefulRedisPubSubConnection<String, byte[]> subscribed;
        try {
            subscribed = client.connectPubSub(RedisBytes.CODEC, named(redis, options.clientName()));
        } catch (RuntimeException failed) {
            writing.close();
            throw failed;
        }
        DeadLetters deadLetters = new RedisDeadLetters(writing, options.deadLetterTimeout(),
                options.deadLetterMaxLength());
        MessageHandler handler = new MessageHandler(bus, deadLetters, options.storageRetry(), Clock.systemUTC(),
                monitor);
        PubSubConsumer pubSub = new PubSubConsumer(subscribed, handler, options.workers(), options.queueCapacity(),
                options.stopGrace(), active);
        RedisConsumer consumer = new RedisConsumer(subscribed, writing, pubSub);
        try {
            pubSub.start();
            if (options.streams().isPresent()) {
                consumer.reading = client.connect(RedisBytes.CODEC, named(redis, options.clientName() + "-streams"));
                // A handler of its own: an outage met by the pub/sub workers does not use up the entries' patience.
                consumer.streams = new StreamConsumer(consumer.reading,
                        new MessageHandler(bus, deadLetters, StorageRetry.standard(), Clock.systemUTC(), monitor),
                        options.streams().get(), active);
                consumer.streams.start();
            }
        } catch (RuntimeException failed) {
            consumer.close();
            throw failed;
        }
        return consumer;
    }

    private static RedisURI named(RedisURI redis, String clientName) {
        return RedisClients.named(redis, clientName);
    }

    /** Stops taking messages, lets those received finish (bounded), then closes both connections. */
    @Override
    public void close() {
        try {
            if (streams != null) {
                streams.close();
            }
            pubSub.close();
        } finally {
            if (reading != null) {
                reading.close();
            }
            subscribed.close();
            writing.close();
        }
    }
}
