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
    void aBatchNeedsAnEtaOrAnExplicitlyEmptyOne() {
        assertThatThrownBy(() -> new CreateBatch("b1", "SKU", 1, null)).isInstanceOf(InvalidValue.class)
                .hasMessage("eta is required");
    }
}
