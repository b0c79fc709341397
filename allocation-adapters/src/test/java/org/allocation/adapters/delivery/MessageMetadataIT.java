package org.allocation.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.allocation.adapters.logging.LogContext;
import org.allocation.adapters.persistence.delivery.SqlOutbox;
import org.allocation.adapters.redis.EventNotPublished;
import org.allocation.adapters.redis.RedisClients;
import org.allocation.adapters.redis.RedisOutboundDelivery;
import org.allocation.adapters.redis.SharedRedisConnection;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stream entries carry, beside the contract's data, the metadata kept with the outbox row (docs/MESSAGES.md). */
class MessageMetadataIT {

    private static TestStorage storage;
    private static MessageBus bus;
    private static RedisClient client;
    private static SharedRedisConnection redis;

    @BeforeAll
    static void start() {
        storage = TestStorage.create();
        bus = Bootstrap.messageBus(storage.unitsOfWork(), new LoggingNotifications(), (channel, event) -> { },
                RetryPolicy.standard());
        client = RedisClients.create(TestRedis.uri());
        redis = new SharedRedisConnection(client);
    }

    @AfterAll
    static void stop() {
        redis.close();
        client.shutdown();
        storage.close();
    }

    @AfterEach
    void emptyOutbox() {
        storage.update("DELETE FROM outbox");
    }

    @Test
    void anEventKeepsTheCorrelationIdOfTheMessageThatCausedIt() {
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));

        bus.handle(new Allocate("o1-" + sku, sku, 3), "request-" + sku);

        assertThat(storage.rows("SELECT correlation_id, schema_version, event_type FROM outbox WHERE payload LIKE ?",
                "%" + sku + "%")).containsExactly(List.of("request-" + sku, 1, "Allocated"));
    }

    @Test
    void theCorrelationIdIsDataTheBusIsGivenNotTheLogContext() {
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));

        try (LogContext.Scope correlated = LogContext.correlated("only-in-the-log-context")) {
            bus.handle(new Allocate("o1-" + sku, sku, 3));
        }

        assertThat(storage.rows("SELECT correlation_id FROM outbox WHERE payload LIKE ?", "%" + sku + "%"))
                .containsExactly(java.util.Collections.singletonList(null));
    }

    @Test
    void theStreamEntryCarriesTheDataUnchangedAndItsMetadata() {
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));
        String before = newestEntryId();
        Instant allocatedAfter = Instant.now().minusSeconds(5);
        bus.handle(new Allocate("o1-" + sku, sku, 3), "request-" + sku);

        relayOnce();

        Map<String, String> entry = entriesAfter(before, sku).get(0);
        assertThat(entry).containsEntry("data", "{\"orderid\":\"o1-" + sku + "\",\"sku\":\"" + sku
                        + "\",\"qty\":3,\"batchref\":\"b-" + sku + "\"}")
                .containsEntry("type", "Allocated")
                .containsEntry("version", "1")
                .containsEntry("correlation_id", "request-" + sku)
                .containsKeys("message_id", "occurred_at");
        assertThat(Instant.parse(entry.get("occurred_at"))).isAfter(allocatedAfter).isBefore(Instant.now());
        assertThat(entry.keySet()).first().isEqualTo("data");
    }

    @Test
    void anEventRelayedTwiceKeepsItsMessageIdAndOneWithoutACauseIsItsOwnCorrelation() {
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));
        bus.handle(new Allocate("o1-" + sku, sku, 3));
        String before = newestEntryId();
        RedisOutboundDelivery delivery = new RedisOutboundDelivery(redis, 10_000);
        SqlOutbox outbox = new SqlOutbox(storage.pool());

        // Redis took the batch, but the relayer died before deleting the rows: they go out again.
        assertThatThrownBy(() -> outbox.relayOldest(100, messages -> {
            delivery.deliver(messages);
            throw new IllegalStateException("relayer died");
        })).isInstanceOf(IllegalStateException.class);
        relayOnce();

        List<Map<String, String>> entries = entriesAfter(before, sku);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("message_id")).isEqualTo(entries.get(1).get("message_id"));
        assertThat(entries.get(0).get("correlation_id")).isEqualTo(entries.get(0).get("message_id"));
    }

    @Test
    void eventsThatFewerReplicasHaveThanTheRelayWaitsForStayInTheOutbox() {
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));
        bus.handle(new Allocate("o1-" + sku, sku, 3));
        // The test's Redis has no replica: a primary that died now would take these events with it.
        RedisOutboundDelivery waitingForAReplica = new RedisOutboundDelivery(redis, 10_000, 1);

        assertThatThrownBy(() -> new SqlOutbox(storage.pool()).relayOldest(100, waitingForAReplica::deliver))
                .isInstanceOf(EventNotPublished.class)
                .hasMessageContaining("0 Redis replicas connected, 1 waited for");
        assertThat(((Number) storage.value("SELECT count(*) FROM outbox")).intValue()).isEqualTo(1);
    }

    private static void relayOnce() {
        RedisOutboundDelivery delivery = new RedisOutboundDelivery(redis, 10_000);
        assertThat(new SqlOutbox(storage.pool()).relayOldest(100, delivery::deliver))
                .isEqualTo(OutboxStore.Pass.RELAYED);
    }

    private static List<Map<String, String>> entriesAfter(String before, String sku) {
        return redis.get().sync().xrange("line_allocated", Range.create(before, "+"), Limit.create(0, 100_000))
                .stream().map(StreamMessage::getBody).filter(body -> body.get("data").contains(sku)).toList();
    }

    private static String newestEntryId() {
        List<StreamMessage<String, String>> newest = redis.get().sync()
                .xrevrange("line_allocated", Range.unbounded(), Limit.create(0, 1));
        return newest.isEmpty() ? "0-0" : newest.get(0).getId();
    }

}
