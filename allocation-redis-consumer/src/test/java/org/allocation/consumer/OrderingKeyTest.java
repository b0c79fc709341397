package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderingKeyTest {

    @Test
    void keysAnAllocationByItsSku() {
        assertThat(OrderingKey.of("allocate", "{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 3}"))
                .isEqualTo(OrderingKey.of("allocate", "{\"orderid\": \"o2\", \"sku\": \"LAMP\", \"qty\": 1}"))
                .isNotEqualTo(OrderingKey.of("allocate", "{\"orderid\": \"o1\", \"sku\": \"TABLE\", \"qty\": 3}"));
    }

    @Test
    void keysAChangeByItsBatch() {
        assertThat(OrderingKey.of("change_batch_quantity", "{\"batchref\": \"b1\", \"qty\": 3}"))
                .isEqualTo(OrderingKey.of("change_batch_quantity", "{\"batchref\": \"b1\", \"qty\": 0}"))
                .isNotEqualTo(OrderingKey.of("change_batch_quantity", "{\"batchref\": \"b2\", \"qty\": 3}"));
    }

    @Test
    void givesWhatCannotBeReadTheKeyOfUnreadableMessages() {
        assertThat(OrderingKey.of("allocate", "not json")).isEqualTo(OrderingKey.UNREADABLE);
        assertThat(OrderingKey.of("allocate", "{\"sku\": \"LAMP\"}")).isEqualTo(OrderingKey.UNREADABLE);
        assertThat(OrderingKey.of("elsewhere", "{}")).isEqualTo(OrderingKey.UNREADABLE);
    }
}
