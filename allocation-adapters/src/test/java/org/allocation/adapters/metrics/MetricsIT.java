package org.allocation.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.allocation.adapters.delivery.OutgoingMessage;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.Bootstrap;
import org.allocation.service.handlers.InvalidSku;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bus and the outbox in metrics, on a real database. */
class MetricsIT {

    private static TestStorage storage;

    @BeforeAll
    static void createDatabase() {
        storage = TestStorage.create();
    }

    @AfterAll
    static void dropDatabase() {
        storage.close();
    }

    @Test
    void theBusCountsEachMessageTypeByOutcome() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MessageBus bus = Bootstrap.messageBus(storage.unitsOfWork(), new LoggingNotifications(), "stock@example.com",
                (channel, event) -> { }, RetryPolicy.standard(), new MicrometerBusMonitor(registry));
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));

        bus.handle(new Allocate("o1-" + sku, sku, 1));
        assertThatThrownBy(() -> bus.handle(new Allocate("o2", "NO-" + sku, 1))).isInstanceOf(InvalidSku.class);

        assertThat(count(registry, "Allocate", "command", "success")).isEqualTo(1);
        assertThat(count(registry, "Allocate", "command", "failure")).isEqualTo(1);
        assertThat(count(registry, "Allocated", "event", "success")).isEqualTo(1);
    }

    @Test
    void theOutboxGaugesShowTheBacklogAndTheAgeOfItsOldestRowAsLastRead() {
        MeterRegistry registry = new SimpleMeterRegistry();
        OutboxMetrics outbox = new OutboxMetrics(storage.pool(), registry);
        storage.update("DELETE FROM outbox");
        storage.update("INSERT INTO outbox (destination, event_type, payload, created_at) "
                + "VALUES ('line_allocated', 'Allocated', '{}', now() - interval '30 seconds')");
        storage.update("INSERT INTO outbox (destination, event_type, payload) VALUES ('line_allocated', 'Allocated', '{}')");

        outbox.refresh();
        storage.update("DELETE FROM outbox");

        assertThat(registry.get("allocation.outbox.backlog").gauge().value()).isEqualTo(2);
        assertThat(registry.get("allocation.outbox.oldest.age").gauge().value()).isBetween(29.0, 60.0);
        outbox.refresh();
        assertThat(registry.get("allocation.outbox.backlog").gauge().value()).isZero();
        assertThat(registry.get("allocation.outbox.oldest.age").gauge().value()).isZero();
    }

    @Test
    void theRelayedCounterCountsWhatRedisTook() {
        MeterRegistry registry = new SimpleMeterRegistry();
        CountingDelivery delivery = new CountingDelivery(messages -> { }, registry);

        delivery.deliver(List.of(new OutgoingMessage(1, "line_allocated", "{}"),
                new OutgoingMessage(2, "line_allocated", "{}")));

        assertThat(registry.get("allocation.outbox.relayed").counter().count()).isEqualTo(2);
    }

    private static long count(MeterRegistry registry, String type, String kind, String outcome) {
        return registry.get("allocation.bus.messages").tag("message_type", type).tag("kind", kind)
                .tag("outcome", outcome).timer().count();
    }
}
