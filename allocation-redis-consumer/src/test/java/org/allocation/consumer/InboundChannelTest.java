package org.allocation.consumer;

import static org.allocation.consumer.Payloads.entry;
import static org.allocation.consumer.Payloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.allocation.adapters.json.InvalidJson;
import org.allocation.domain.InvalidValue;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundChannelTest {

    @Test
    void readsAnAllocationFromTheAllocateChannel() {
        String payload = "{\"orderid\": \"order-1\", \"sku\": \"LAMP\", \"qty\": 3}";

        var command = InboundChannel.ALLOCATE.parse(utf8(payload));

        assertThat(command).isEqualTo(new Allocate("order-1", "LAMP", 3));
    }

    @Test
    void readsAQuantityChangeFromTheChangeBatchQuantityChannel() {
        String payload = "{\"batchref\": \"batch-1\", \"qty\": 0}";

        var command = InboundChannel.CHANGE_BATCH_QUANTITY.parse(utf8(payload));

        assertThat(command).isEqualTo(new ChangeBatchQuantity("batch-1", 0));
    }

    @Test
    void ignoresFieldsItDoesNotRead() {
        String payload = "{\"batchref\": \"batch-1\", \"qty\": 5, \"reason\": \"damaged\"}";

        var command = InboundChannel.CHANGE_BATCH_QUANTITY.parse(utf8(payload));

        assertThat(command).isEqualTo(new ChangeBatchQuantity("batch-1", 5));
    }

    @Test
    void findsChannelsByTheirNames() {
        assertThat(InboundChannel.named("allocate")).contains(InboundChannel.ALLOCATE);
        assertThat(InboundChannel.named("change_batch_quantity")).contains(InboundChannel.CHANGE_BATCH_QUANTITY);
        assertThat(InboundChannel.named("line_allocated")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json                                              | Malformed JSON at line 1, column 1: Unrecognized token 'not'",
            "``                                                    | Empty document; expected a JSON object with fields batchref, qty",
            "[1, 2]                                                | Expected a JSON object with fields batchref, qty, was an array",
            "\"text\"                                              | Expected a JSON object with fields batchref, qty, was the string",
            "null                                                  | Expected a JSON object with fields batchref, qty, was null",
            "{\"batchref\": \"b\", \"qty\": 1} trailing            | Malformed JSON",
            "{\"batchref\": \"b\", \"qty\": 1, \"qty\": 2}         | Malformed JSON at line 1, column 34: Duplicate field 'qty'",
            "{\"qty\": 5}                                          | batchref is required",
            "{\"batchref\": null, \"qty\": 5}                      | batchref must not be null",
            "{\"batchref\": 7, \"qty\": 5}                         | batchref must be a string, was the number 7",
            "{\"batchref\": \"b\"}                                 | qty is required",
            "{\"batchref\": \"b\", \"qty\": \"5\"}                 | qty must be a whole number, was the string \"5\"",
            "{\"batchref\": \"b\", \"qty\": 2.5}                   | qty must be a whole number, was the number 2.5",
            "{\"batchref\": \"b\", \"qty\": 5.0}                   | qty must be a whole number, was the number 5.0",
            "{\"batchref\": \"b\", \"qty\": true}                  | qty must be a whole number, was true",
            "{\"batchref\": \"b\", \"qty\": 99999999999}           | qty is out of range, was 99999999999",
    })
    void refusesAMalformedQuantityChangeNamingWhatIsWrong(String payload, String error) {
        assertThatThrownBy(() -> InboundChannel.CHANGE_BATCH_QUANTITY.parse(utf8(payload)))
                .isInstanceOf(InvalidJson.class)
                .hasMessageStartingWith(error);
    }

    @Test
    void refusesAnAllocationWithAMistypedOrderId() {
        String payload = "{\"orderid\": [\"o\"], \"sku\": \"LAMP\", \"qty\": 3}";

        assertThatThrownBy(() -> InboundChannel.ALLOCATE.parse(utf8(payload)))
                .isInstanceOf(InvalidJson.class)
                .hasMessage("orderid must be a string, was an array");
    }

    @Test
    void refusesAPayloadThatIsNotUtf8RatherThanReadingAnotherOrderId() {
        byte[] payload = utf8("{\"orderid\": \"o-\", \"sku\": \"LAMP\", \"qty\": 3}");
        payload[14] = (byte) 0xFF;

        assertThatThrownBy(() -> InboundChannel.ALLOCATE.parse(payload))
                .isInstanceOf(InvalidJson.class)
                .hasMessage("orderid is not valid UTF-8: byte 0xFF at offset 14");
    }

    @Test
    void refusesValuesTheDomainRejectsNamingTheSendersField() {
        assertThatThrownBy(() -> InboundChannel.CHANGE_BATCH_QUANTITY.parse(utf8("{\"batchref\": \" \", \"qty\": 5}")))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("batchref must not be blank");
        assertThatThrownBy(() -> InboundChannel.ALLOCATE.parse(utf8("{\"orderid\": \"o\", \"sku\": \"LAMP\", \"qty\": 0}")))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("qty must be at least 1, was 0");
    }
}
