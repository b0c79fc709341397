package org.allocation.consumer;

import static org.allocation.consumer.Payloads.entry;
import static org.allocation.consumer.Payloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.allocation.consumer.MessageHandler.Outcome;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.Event;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.InMemoryAllocationsView;
import org.allocation.service.inmemory.InMemoryEventPublisher;
import org.allocation.service.inmemory.InMemoryProductStore;
import org.allocation.service.inmemory.InMemoryUnitOfWork;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.AllocationsView.Allocation;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.StorageUnavailable;
import org.junit.jupiter.api.Test;

class MessageHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private final InMemoryProductStore store = new InMemoryProductStore();
    private final FailingStorage storage = new FailingStorage(store);
    private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    private final List<Event> published = new ArrayList<>();
    private final MessageBus bus = Bootstrap.messageBus(storage, new LoggingNotifications(), publisher, RetryPolicy.none());
    private final FakeDeadLetters deadLetters = new FakeDeadLetters();
    private final FakeTime time = new FakeTime();
    private final MessageHandler handler = new MessageHandler(bus, deadLetters, time.retry(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    MessageHandlerTest() {
        publisher.subscribe((channel, event) -> published.add(event));
    }

    @Test
    void allocatesAnOrderLineSentOnTheAllocateChannel() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));

        Outcome outcome = handler.handle("allocate", utf8("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));

        assertThat(outcome).isEqualTo(Outcome.HANDLED);
        assertThat(new InMemoryAllocationsView(store).allocationsFor("order-1"))
                .containsExactly(new Allocation("LAMP", "batch-1"));
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void reallocatesWhenABatchShrinksOnTheChangeBatchQuantityChannel() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        bus.handle(CreateBatch.inShipment("batch-2", "LAMP", 10, LocalDate.of(2030, 1, 1)));
        handler.handle("allocate", utf8("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));

        Outcome outcome = handler.handle("change_batch_quantity", utf8("{\"batchref\": \"batch-1\", \"qty\": 2}"));

        assertThat(outcome).isEqualTo(Outcome.HANDLED);
        assertThat(published).last().isEqualTo(new Allocated("order-1", "LAMP", 3, "batch-2"));
    }

    @Test
    void deadLettersAMalformedMessageWithItsSourcePayloadAndError() {
        String payload = "{\"batchref\": \"batch-1\", \"qty\": \"5\"}";

        Outcome outcome = handler.handle("change_batch_quantity", utf8(payload));

        assertThat(outcome).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(deadLetters.letters()).containsExactly(new DeadLetter("change_batch_quantity", utf8(payload),
                "qty must be a whole number, was the string \"5\"", NOW));
    }

    @Test
    void deadLettersAnAllocationForAnUnknownSku() {
        String payload = "{\"orderid\": \"order-1\", \"sku\": \"NOSUCH\", \"qty\": 3}";

        handler.handle("allocate", utf8(payload));

        assertThat(deadLetters.letters()).extracting(DeadLetter::error).containsExactly("Invalid sku NOSUCH");
    }

    @Test
    void deadLettersAChangeToAnUnknownBatch() {
        handler.handle("change_batch_quantity", utf8("{\"batchref\": \"nosuch\", \"qty\": 3}"));

        assertThat(deadLetters.letters()).extracting(DeadLetter::error).containsExactly("Unknown batch nosuch");
    }

    @Test
    void deadLettersAValueTheDomainRefuses() {
        handler.handle("allocate", utf8("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": -1}"));

        assertThat(deadLetters.letters()).extracting(DeadLetter::error).containsExactly("qty must be at least 1, was -1");
    }

    @Test
    void neverDeadLettersAMessageThatKeepsLosingConcurrencyRacesButHandlesItOnceItsTurnComes() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        storage.failNext(4, () -> new ConcurrencyConflict("product LAMP changed"));

        Outcome outcome = handler.handle("change_batch_quantity", utf8("{\"batchref\": \"batch-1\", \"qty\": 7}"));

        assertThat(outcome).isEqualTo(Outcome.HANDLED);
        assertThat(deadLetters.letters()).isEmpty();
        try (InMemoryUnitOfWork uow = new InMemoryUnitOfWork(store)) {
            assertThat(uow.products().getByBatchRef("batch-1").flatMap(product -> product.batch("batch-1")))
                    .hasValueSatisfying(batch -> assertThat(batch.purchasedQuantity()).isEqualTo(7));
        }
    }

    @Test
    void aStreamEntryStillLosingRacesWhenTheConsumerStopsStaysPendingForItsRedelivery() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        storage.failNext(1, () -> new ConcurrencyConflict("product LAMP changed"));
        Thread.currentThread().interrupt(); // the consumer is stopping

        Outcome outcome;
        try {
            outcome = handler.handleEntry("change_batch_quantity", "1-0",
                    entry("{\"batchref\": \"batch-1\", \"qty\": 7}"));
        } finally {
            Thread.interrupted();
        }

        assertThat(outcome).isEqualTo(Outcome.RETRY_LATER);
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void waitsForStorageToComeBackBeforeHandling() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        storage.failNext(3, () -> new StorageUnavailable("database down", null));

        Outcome outcome = handler.handle("allocate", utf8("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));

        assertThat(outcome).isEqualTo(Outcome.HANDLED);
        assertThat(time.pauses()).hasSize(3);
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void deadLettersAMessageOnceStorageHasBeenDownTooLong() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        storage.goDown();

        Outcome outcome = handler.handle("allocate", utf8("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));

        assertThat(outcome).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(deadLetters.letters()).extracting(DeadLetter::error)
                .containsExactly("storage unavailable for longer than 30 s: database down");
    }

    @Test
    void carriesOnWhenTheDeadLetterCannotBeStored() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        deadLetters.goDown();

        Outcome lost = handler.handle("allocate", utf8("not json"));
        Outcome handled = handler.handle("allocate", utf8("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));

        assertThat(lost).isEqualTo(Outcome.LOST);
        assertThat(handled).isEqualTo(Outcome.HANDLED);
    }

    @Test
    void deadLettersAMessageFromASourceThatCarriesNoCommand() {
        handler.handle("line_allocated", utf8("{}"));

        assertThat(deadLetters.letters()).extracting(DeadLetter::error)
                .containsExactly("no command is sent on line_allocated");
    }

    @Test
    void handlesAStreamEntryOnceHoweverOftenItIsDelivered() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        String payload = "{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}";

        Outcome first = handler.handleEntry("allocate", "1-0", entry(payload));
        Outcome again = handler.handleEntry("allocate", "1-0", entry(payload));

        assertThat(first).isEqualTo(Outcome.HANDLED);
        assertThat(again).isEqualTo(Outcome.ALREADY_HANDLED);
        assertThat(published).hasSize(1);
    }

    @Test
    void handlesANewEntryThatReusesTheIdOfAnEntryLostInARedisFailover() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        // Handled, then lost with the old primary; the promoted replica gives its id to the next entry.
        handler.handleEntry("allocate", "1-0", entry("{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}"));

        Outcome reused = handler.handleEntry("allocate", "1-0",
                entry("{\"orderid\": \"order-2\", \"sku\": \"LAMP\", \"qty\": 2}"));

        assertThat(reused).isEqualTo(Outcome.HANDLED);
        assertThat(new InMemoryAllocationsView(store).allocationsFor("order-2"))
                .containsExactly(new Allocation("LAMP", "batch-1"));
    }

    @Test
    void recordsAnEntryByItsStreamItsIdAndItsContent() {
        String key = MessageKeys.processedKey("allocate", "1700000000000-0", utf8("{}"));

        assertThat(key).startsWith("allocate:1700000000000-0:").hasSizeLessThanOrEqualTo(255)
                .isNotEqualTo(MessageKeys.processedKey("allocate", "1700000000000-0", utf8("{ }")))
                .isNotEqualTo(MessageKeys.processedKey("change_batch_quantity", "1700000000000-0", utf8("{}")));
    }

    @Test
    void leavesAStreamEntryForLaterWhenStorageStaysDown() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        storage.goDown();

        Outcome outcome = handler.handleEntry("allocate", "1-0", entry("{\"orderid\": \"o\", \"sku\": \"LAMP\", \"qty\": 3}"));

        assertThat(outcome).isEqualTo(Outcome.RETRY_LATER);
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void deadLettersABadStreamEntryWithItsId() {
        Outcome outcome = handler.handleEntry("allocate", "7-1", entry("not json"));

        assertThat(outcome).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(deadLetters.letters()).extracting(DeadLetter::entryId).containsExactly(Optional.of("7-1"));
    }

    @Test
    void deadLettersAnEntryWithoutDataKeepingEveryFieldItHas() {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("payload", utf8("{\"orderid\": \"o\", \"sku\": \"LAMP\", \"qty\": 3}"));
        fields.put("sender", new byte[] {(byte) 0xFF, 0, '\n'});

        Outcome outcome = handler.handleEntry("allocate", "7-2", fields);

        assertThat(outcome).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(deadLetters.letters()).containsExactly(new DeadLetter("allocate", new byte[0],
                "the entry has no field data, only payload, sender", NOW, Optional.of("7-2"), fields));
    }

    @Test
    void deadLettersABadEntryWithAllItsFieldsAsReceived() {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("data", utf8("not json"));
        fields.put("trace", utf8("t-1"));

        handler.handleEntry("allocate", "7-3", fields);

        assertThat(deadLetters.letters()).singleElement().satisfies(letter -> {
            assertThat(letter.payload()).isEqualTo(utf8("not json"));
            assertThat(letter.fields()).containsKeys("entry.data", "entry.trace");
            assertThat(letter.fields().get("entry.trace")).isEqualTo(utf8("t-1"));
        });
    }

    @Test
    void deadLettersAnAllocationWhoseOrderIdIsNotUtf8InsteadOfAllocatingAnotherOne() {
        bus.handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
        byte[] payload = utf8("{\"orderid\": \"o-?\", \"sku\": \"LAMP\", \"qty\": 3}");
        payload[15] = (byte) 0xC3;

        Outcome outcome = handler.handle("allocate", payload);

        assertThat(outcome).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(published).isEmpty();
        assertThat(deadLetters.letters()).singleElement().satisfies(letter -> {
            assertThat(letter.payload()).isEqualTo(payload);
            assertThat(letter.error()).isEqualTo("orderid is not valid UTF-8: byte 0xC3 at offset 15");
        });
    }
}
