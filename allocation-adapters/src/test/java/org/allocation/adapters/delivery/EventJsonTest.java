package org.allocation.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.OutOfStock;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void writesAllocatedAsTheBookSpellsIt() {
        String json = EventJson.of(new Allocated("order-1", "LAMP", 3, "batch-1"));

        assertThat(json).isEqualTo("{\"orderid\":\"order-1\",\"sku\":\"LAMP\",\"qty\":3,\"batchref\":\"batch-1\"}");
    }

    @Test
    void writesOtherEventsAsTheirFields() {
        String json = EventJson.of(new OutOfStock("LAMP"));

        assertThat(json).isEqualTo("{\"sku\":\"LAMP\"}");
    }
}
