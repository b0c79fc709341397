package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocation.adapters.json.HostileInput;
import org.allocation.adapters.logging.Printable;
import org.allocation.consumer.MessageHandler.Outcome;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.junit.jupiter.api.Test;

/**
 * Whatever a pub/sub message or a stream entry holds, the consumer handles it or dead-letters it with a message
 * and every byte that was sent: never an unexpected exception, never a silent drop (see {@link HostileInput} for
 * the cases and how to run more).
 */
class PayloadFuzzTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    private static final List<String> FIELDS = List.of("orderid", "sku", "qty", "batchref");
    private static final List<String> VALID = List.of(
            "{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1}",
            "{\"batchref\": \"b1\", \"qty\": 5}");

    private final InMemoryAllocation allocation = InMemoryAllocation.start();
    private final FakeDeadLetters deadLetters = new FakeDeadLetters();
    private final MessageHandler handler = new MessageHandler(allocation.bus(), deadLetters, new FakeTime().retry(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyMessageIsHandledOrDeadLetteredWithWhatWasSent() {
        allocation.bus().handle(CreateBatch.inWarehouse("b1", "LAMP", 1_000_000));
        HostileInput inputs = new HostileInput(HostileInput.SEED, VALID, FIELDS);

        for (int i = 0; i < HostileInput.cases(); i++) {
            byte[] payload = inputs.next();
            String channel = InboundChannel.values()[i % 2].channelName();
            int lettersBefore = deadLetters.letters().size();

            Outcome outcome = handler.handle(channel, payload);

            assertHandledOrDeadLettered(i, outcome, lettersBefore, payload, Map.of());
        }
    }

    @Test
    void everyStreamEntryIsHandledOrDeadLetteredWithAllItsFields() {
        allocation.bus().handle(CreateBatch.inWarehouse("b1", "LAMP", 1_000_000));
        HostileInput inputs = new HostileInput(HostileInput.SEED + 1, VALID, FIELDS);

        for (int i = 0; i < HostileInput.cases(); i++) {
            Map<String, byte[]> fields = new LinkedHashMap<>();
            // An entry may lack data, or carry other fields beside it.
            if (i % 5 != 0) {
                fields.put("data", inputs.next());
            }
            if (i % 3 == 0) {
                fields.put("other-" + i % 7, inputs.next());
            }
            int lettersBefore = deadLetters.letters().size();

            Outcome outcome = handler.handleEntry(InboundChannel.values()[i % 2].channelName(), i + "-0", fields);

            assertHandledOrDeadLettered(i, outcome, lettersBefore, fields.getOrDefault("data", new byte[0]), fields);
        }
    }

    private void assertHandledOrDeadLettered(int i, Outcome outcome, int lettersBefore, byte[] payload,
                                             Map<String, byte[]> fields) {
        String input = "case " + i + ": " + Printable.bytes(payload);
        assertThat(outcome).as(input).isIn(Outcome.HANDLED, Outcome.DEAD_LETTERED);
        if (outcome == Outcome.DEAD_LETTERED) {
            DeadLetter letter = deadLetters.letters().get(lettersBefore);
            assertThat(letter.payload()).as(input).isEqualTo(payload);
            assertThat(letter.entryFields().keySet()).as(input).isEqualTo(fields.keySet());
            assertThat(letter.error()).as(input).isNotBlank().doesNotStartWith("unexpected");
        }
    }
}
