package org.allocation.consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import org.allocation.service.messagebus.MessageBus;

/**
 * Everything the consumer process does with Redis: takes commands from the inbound channels, hands them to
 * the bus, and dead-letters what cannot be handled.
 *
 * <p>It opens two connections of its own from the shared client, because a subscribed connection can do
 * nothing but listen: one to subscribe, one to write dead letters. A Streams consumer would start here
 * beside the pub/sub one, sharing the same {@link MessageHandler} and dead letters.
 */
public final class RedisConsumer implements AutoCloseable {

    /**
     * @param clientName        how our connections are named in {@code CLIENT LIST}, so they can be found
     * @param queueCapacity     received messages that may wait to be handled before more are refused
     * @param stopGrace         how long stopping lets received messages finish (twice, see
     *                          {@link SerialWorker#stop})
     * @param deadLetterTimeout how long to wait for Redis to store a dead letter before logging it as lost
     */
    public record Options(String clientName, int queueCapacity, Duration stopGrace, Duration deadLetterTimeout,
                          StorageRetry storageRetry) {

        public static Options standard() {
            return new Options("allocation-consumer", 10_000, Duration.ofSeconds(10), Duration.ofSeconds(5),
                    StorageRetry.standard());
        }
    }

    private final StatefulRedisPubSubConnection<String, String> subscribed;
    private final StatefulRedisConnection<String, String> writing;
    private final PubSubConsumer pubSub;

    private RedisConsumer(StatefulRedisPubSubConnection<String, String> subscribed,
                          StatefulRedisConnection<String, String> writing, PubSubConsumer pubSub) {
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
        // Named in the URI, not with CLIENT SETNAME: only the URI's name is set again when Lettuce reconnects.
        StatefulRedisConnection<String, String> writing =
                client.connect(named(redis, options.clientName() + "-dead-letters"));
        StatefulRedisPubSubConnection<String, String> subscribed;
        try {
            subscribed = client.connectPubSub(named(redis, options.clientName()));
        } catch (RuntimeException failed) {
            writing.close();
            throw failed;
        }
        MessageHandler handler = new MessageHandler(bus,
                new RedisDeadLetters(writing, options.deadLetterTimeout()), options.storageRetry(),
                Clock.systemUTC());
        PubSubConsumer pubSub = new PubSubConsumer(subscribed, handler, options.queueCapacity(), options.stopGrace());
        RedisConsumer consumer = new RedisConsumer(subscribed, writing, pubSub);
        try {
            pubSub.start();
        } catch (RuntimeException failed) {
            consumer.close();
            throw failed;
        }
        return consumer;
    }

    private static RedisURI named(RedisURI redis, String clientName) {
        return RedisURI.builder(redis).withClientName(clientName).build();
    }

    /** Stops taking messages, lets those received finish (bounded), then closes both connections. */
    @Override
    public void close() {
        try {
            pubSub.close();
        } finally {
            subscribed.close();
            writing.close();
        }
    }
}
