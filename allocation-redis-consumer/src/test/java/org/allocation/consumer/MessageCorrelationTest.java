package org.allocation.consumer;

import static org.allocation.consumer.Payloads.entry;
import static org.allocation.consumer.Payloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.allocation.adapters.logging.LogContext;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.events.Event;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.InMemoryEventPublisher;
import org.allocation.service.inmemory.InMemoryUnitOfWork;
import org.allocation.service.inmemory.InMemoryProductStore;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A message's correlation id is in the log context for the whole handling, events included, and then gone; and it
 * reaches every unit of work the message causes as data, given to the bus.
 */
class MessageCorrelationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private final InMemoryProductStore store = new InMemoryProductStore();
    private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    /** The correlation id each commit was given, in order. */
    private final List<Optional<String>> committedCorrelations = new CopyOnWriteArrayList<>();
    private final MessageBus bus = Bootstrap.messageBus(() -> new InMemoryUnitOfWork(store) {
        @Override
        protected void doCommit(List<Event> events) {
            super.doCommit(events);
            committedCorrelations.add(correlationId());
        }
    }, new LoggingNotifications(), publisher, RetryPolicy.none());
    private final FakeDeadLetters deadLetters = new FakeDeadLetters();
    private final List<String> correlationIdsOfEvents = new CopyOnWriteArrayList<>();
    private final MessageHandler handler = new MessageHandler(bus, deadLetters, new FakeTime().retry(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    MessageCorrelationTest() {
        publisher.subscribe((channel, event) -> correlationIdsOfEvents.add(MDC.get(LogContext.CORRELATION_ID)));
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
    }

    @Test
    void theEventsOfAStreamEntryAreHandledUnderTheEntrysId() {
        handler.handleEntry("allocate", "1700000000000-0", entry("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));

        assertThat(correlationIdsOfEvents).containsExactly("allocate:1700000000000-0");
        assertThat(MDC.get(LogContext.CORRELATION_ID)).isNull();
    }

    @Test
    void theEntrysIdReachesTheUnitsOfWorkOfTheEntryAndItsEventsAsData() {
        handler.handleEntry("allocate", "1700000000000-0", entry("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));
        handler.handleEntry("change_batch_quantity", "1700000000000-1", entry("{\"batchref\": \"batch-1\", \"qty\": 2}"));

        // The batch's creation (no correlation), the allocation, the change and the reallocation its event causes.
        assertThat(committedCorrelations).containsExactly(Optional.empty(), Optional.of("allocate:1700000000000-0"),
                Optional.of("change_batch_quantity:1700000000000-1"), Optional.of("change_batch_quantity:1700000000000-1"));
    }

    @Test
    void aPubSubMessageGetsANewCorrelationIdEachTime() {
        handler.handle("allocate", utf8("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));
        handler.handle("allocate", utf8("{\"orderid\": \"order-2\", \"sku\": \"LAMP\", \"qty\": 3}"));

        assertThat(correlationIdsOfEvents).hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void aDeadLetterIsStoredWithTheCorrelationIdOfTheMessageItKeeps() {
        handler.handleEntry("allocate", "1700000000000-2", entry("not json"));
        handler.giveUp("allocate", "1700000000000-3", entry("{}"), 99);
        handler.handle("allocate", utf8("not json either"));

        assertThat(deadLetters.correlationIds()).hasSize(3)
                .startsWith("allocate:1700000000000-2", "allocate:1700000000000-3")
                .doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void aDeadLetterCarriesTheMetadataOfEveryEntryWeWrite() {
        DeadLetter letter = new DeadLetter("allocate", utf8("not json"), "Malformed JSON", NOW);

        Map<String, String> fields = new java.util.LinkedHashMap<>();
        RedisDeadLetters.withMetadata(letter, "allocate:1700000000000-0").forEach((name, value) -> fields.put(name,
                new String(value, java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(fields).containsEntry("source", "allocate").containsEntry("payload", "not json")
                .containsEntry("type", "DeadLetter").containsEntry("version", "1")
                .containsEntry("correlation_id", "allocate:1700000000000-0")
                .containsEntry("occurred_at", NOW.toString()).containsKey("message_id");
    }
}
