package org.allocation.adapters.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Redis pub/sub subscriber for tests: subscribes on creation, then waits (with a deadline, never a
 * sleep) for the message a test expects.
 */
public final class RedisSubscriber implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private RedisSubscriber(RedisClient client, String channel) {
        this.client = client;
        this.connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                received.add(message);
            }
        });
        connection.sync().subscribe(channel);
    }

    /** Subscribed to the channel of the test Redis server by the time this returns. */
    public static RedisSubscriber on(String channel) {
        return new RedisSubscriber(RedisClient.create(TestRedis.uri().toString()), channel);
    }

    /** The first message that matches, waiting at most {@code patience}; empty when none came in time. */
    public Optional<String> await(Predicate<String> wanted, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> others = new ArrayList<>();
        try {
            for (long left = patience.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                String message = received.poll(left, TimeUnit.NANOSECONDS);
                if (message == null) {
                    return Optional.empty();
                }
                if (wanted.test(message)) {
                    return Optional.of(message);
                }
                others.add(message);
            }
            return Optional.empty();
        } finally {
            received.addAll(others);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
