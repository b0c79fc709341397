package org.allocation.adapters.testing;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real Redis pub/sub subscriber for tests: subscribes on creation, keeps every message, and waits (with a
 * deadline, never a sleep) for the message a test expects.
 */
public final class RedisSubscriber implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final List<String> received = new CopyOnWriteArrayList<>();

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

    /** The first message that matches, waiting at most {@code patience}; fails the test when none came in time. */
    public String awaitMessage(String description, Predicate<String> wanted, Duration patience) {
        return await("a message " + description).atMost(patience)
                .until(() -> received.stream().filter(wanted).findFirst(), Optional::isPresent).get();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
