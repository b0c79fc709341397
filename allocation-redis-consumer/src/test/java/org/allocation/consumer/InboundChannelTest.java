package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        var command = InboundChannel.ALLOCATE.parse(payload);

        assertThat(command).isEqualTo(new Allocate("order-1", "LAMP", 3));
    }

    @Test
    void readsAQuantityChangeFromTheChangeBatchQuantityChannel() {
        String payload = "{\"batchref\": \"batch-1\", \"qty\": 0}";

        var command = InboundChannel.CHANGE_BATCH_QUANTITY.parse(payload);

        assertThat(command).isEqualTo(new ChangeBatchQuantity("batch-1", 0));
    }

    @Test
    void ignoresFieldsItDoesNotRead() {
        String payload = "{\"batchref\": \"batch-1\", \"qty\": 5, \"reason\": \"damaged\"}";

        var command = InboundChannel.CHANGE_BATCH_QUANTITY.parse(payload);

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
            "not json                                              | payload is not JSON",
            "``                                                    | payload is empty",
            "[1, 2]                                                | payload must be a JSON object, was an array",
            "\"text\"                                              | payload must be a JSON object, was the string",
            "null                                                  | payload must be a JSON object, was null",
            "{\"batchref\": \"b\", \"qty\": 1} trailing            | payload is not JSON",
            "{\"batchref\": \"b\", \"qty\": 1, \"qty\": 2}         | payload is not JSON: Duplicate field 'qty'",
            "{\"qty\": 5}                                          | batchref is missing",
            "{\"batchref\": null, \"qty\": 5}                      | batchref must not be null",
            "{\"batchref\": 7, \"qty\": 5}                         | batchref must be a string, was the number 7",
            "{\"batchref\": \"b\"}                                 | qty is missing",
            "{\"batchref\": \"b\", \"qty\": \"5\"}                 | qty must be a whole number, was the string \"5\"",
            "{\"batchref\": \"b\", \"qty\": 2.5}                   | qty must be a whole number, was the number 2.5",
            "{\"batchref\": \"b\", \"qty\": 5.0}                   | qty must be a whole number, was the number 5.0",
            "{\"batchref\": \"b\", \"qty\": true}                  | qty must be a whole number, was true",
            "{\"batchref\": \"b\", \"qty\": 99999999999}           | qty is out of range, was 99999999999",
    })
    void refusesAMalformedQuantityChangeNamingWhatIsWrong(String payload, String error) {
        assertThatThrownBy(() -> InboundChannel.CHANGE_BATCH_QUANTITY.parse(payload))
                .isInstanceOf(MalformedMessage.class)
                .hasMessageStartingWith(error);
    }

    @Test
    void refusesAnAllocationWithAMistypedOrderId() {
        String payload = "{\"orderid\": [\"o\"], \"sku\": \"LAMP\", \"qty\": 3}";

        assertThatThrownBy(() -> InboundChannel.ALLOCATE.parse(payload))
                .isInstanceOf(MalformedMessage.class)
                .hasMessage("orderid must be a string, was an array");
    }

    @Test
    void refusesValuesTheDomainRejectsNamingTheSendersField() {
        assertThatThrownBy(() -> InboundChannel.CHANGE_BATCH_QUANTITY.parse("{\"batchref\": \" \", \"qty\": 5}"))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("batchref must not be blank");
        assertThatThrownBy(() -> InboundChannel.ALLOCATE.parse("{\"orderid\": \"o\", \"sku\": \"LAMP\", \"qty\": 0}"))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("qty must be at least 1, was 0");
    }
}
