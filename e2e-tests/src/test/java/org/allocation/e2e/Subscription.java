package org.allocation.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A pub/sub subscription to one channel that keeps every message it receives, so a test can wait for the one it
 * expects among those of other tests and count how often something was published.
 */
final class Subscription implements AutoCloseable {

    private final String channel;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private Subscription(String channel, StatefulRedisPubSubConnection<String, String> connection) {
        this.channel = channel;
        this.connection = connection;
    }

    static Subscription open(RedisClient client, String channel) {
        Subscription subscription = new Subscription(channel, client.connectPubSub());
        subscription.connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                subscription.received.add(message);
            }
        });
        // The synchronous call returns once Redis confirmed the subscription.
        subscription.connection.sync().subscribe(channel);
        return subscription;
    }

    /** Waits for a JSON message that {@code matching} accepts and returns it. */
    JsonNode awaitMessage(String description, Predicate<JsonNode> matching) {
        return await("a message " + description + " arrives on " + channel)
                .until(() -> messages().stream().filter(matching).findFirst(), Optional::isPresent).get();
    }

    /** The JSON messages received so far, in order; messages that are not JSON are left out. */
    List<JsonNode> messages() {
        return received.stream().map(Json::tryParse).flatMap(Optional::stream).toList();
    }

    static Predicate<JsonNode> forOrder(String orderid) {
        return message -> orderid.equals(message.path("orderid").asText(null));
    }

    @Override
    public void close() {
        connection.close();
    }
}
