package org.allocation.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import java.net.URI;
import java.time.Duration;
import org.allocation.adapters.delivery.EventJson;
import org.allocation.adapters.testing.ClosedPort;
import org.allocation.adapters.testing.RedisSubscriber;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.OutOfStock;
import org.junit.jupiter.api.Test;

class RedisEventPublisherIT {

    @Test
    void publishesAllocatedOnLineAllocatedAsTheBookSpells() throws Exception {
        String orderid = TestRedis.unique("order");
        RedisClient client = RedisClients.create(TestRedis.uri());
        try (RedisSubscriber subscriber = RedisSubscriber.on("line_allocated");
             SharedRedisConnection connection = new SharedRedisConnection(client)) {

            new RedisEventPublisher(connection).publish("line_allocated", new Allocated(orderid, "LAMP", 3, "batch-1"));

            assertThat(subscriber.await(message -> message.contains(orderid), Duration.ofSeconds(5)))
                    .contains("{\"orderid\":\"" + orderid + "\",\"sku\":\"LAMP\",\"qty\":3,\"batchref\":\"batch-1\"}");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void writesOtherEventsAsTheirFields() {
        String json = EventJson.of(new OutOfStock("LAMP"));

        assertThat(json).isEqualTo("{\"sku\":\"LAMP\"}");
    }

    @Test
    void failsInsteadOfHangingWhenRedisIsDown() {
        RedisClient client = RedisClients.create(URI.create("redis://127.0.0.1:" + ClosedPort.find()));
        long started = System.nanoTime();
        try (SharedRedisConnection connection = new SharedRedisConnection(client)) {

            assertThatThrownBy(() -> new RedisEventPublisher(connection)
                    .publish("line_allocated", new Allocated("o", "LAMP", 1, "b")))
                    .isInstanceOf(EventNotPublished.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            client.shutdown();
        }
    }
}
