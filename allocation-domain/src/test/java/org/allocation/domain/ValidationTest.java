package org.allocation.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void quantitiesOfLinesAndBatchesAreAtLeastOne() {
        assertThatThrownBy(() -> new OrderLine("o1", "SKU", 0)).isInstanceOf(InvalidValue.class)
                .hasMessage("qty must be at least 1, was 0");
        assertThatThrownBy(() -> Batch.inWarehouse("b1", "SKU", -3)).isInstanceOf(InvalidValue.class)
                .hasMessage("qty must be at least 1, was -3");
        assertThatThrownBy(() -> new Allocate("o1", "SKU", 0)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> CreateBatch.inWarehouse("b1", "SKU", 0)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void aBatchMayShrinkToNothingButNotBelow() {
        assertThatCode(() -> new ChangeBatchQuantity("b1", 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ChangeBatchQuantity("b1", -1)).isInstanceOf(InvalidValue.class)
                .hasMessage("qty must be at least 0, was -1");
    }

    @Test
    void identifiersAreNotBlank() {
        assertThatThrownBy(() -> new Allocate(" ", "SKU", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("orderid must not be blank");
        assertThatThrownBy(() -> new Allocate("o1", null, 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("sku must not be blank");
        assertThatThrownBy(() -> new ChangeBatchQuantity("", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("ref must not be blank");
    }

    @Test
    void identifiersAreAtMost255Characters() {
        String longest = "x".repeat(255);

        assertThatCode(() -> new OrderLine(longest, longest, 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new OrderLine(longest + "x", "SKU", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("orderid must be at most 255 characters, was 256");
    }

    @Test
    void identifiersAreCountedInCharactersNotJavaChars() {
        String longestInEmoji = "\uD83D\uDCE6".repeat(255);

        assertThatCode(() -> new Allocate(longestInEmoji, "SKU", 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Allocate(longestInEmoji + "x", "SKU", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("orderid must be at most 255 characters, was 256");
    }

    @Test
    void identifiersHoldNoControlCharacters() {
        assertThatThrownBy(() -> new Allocate("o\u00001", "SKU", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("orderid must not contain control characters, has U+0000 at character 2");
        assertThatThrownBy(() -> new OrderLine("o1", "SKU\r\nINFO forged", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("sku must not contain control characters, has U+000D at character 4");
        assertThatThrownBy(() -> CreateBatch.inWarehouse("b\u007F", "SKU", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("ref must not contain control characters, has U+007F at character 2");
        assertThatThrownBy(() -> new ChangeBatchQuantity("\tb1", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("ref must not contain control characters, has U+0009 at character 1");
        assertThatCode(() -> new Allocate("commande-\u00e9t\u00e9 \u6ce8\u6587", "SKU #1/a b", 1))
                .doesNotThrowAnyException();
    }

    @Test
    void identifiersAreValidUtf8WithoutUnpairedSurrogates() {
        assertThatThrownBy(() -> new Allocate("o\uD800", "SKU", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("orderid must be valid UTF-8 text, has an unpaired surrogate U+D800 at character 2");
        assertThatThrownBy(() -> new Allocate("o1", "\uDC00SKU", 1)).isInstanceOf(InvalidValue.class)
                .hasMessage("sku must be valid UTF-8 text, has an unpaired surrogate U+DC00 at character 1");
    }

    @Test
    void aBatchNeedsAnEtaOrAnExplicitlyEmptyOne() {
        assertThatThrownBy(() -> new CreateBatch("b1", "SKU", 1, null)).isInstanceOf(InvalidValue.class)
                .hasMessage("eta is required");
    }
}
