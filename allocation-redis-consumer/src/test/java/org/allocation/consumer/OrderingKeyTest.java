package org.allocation.consumer;

import static org.allocation.consumer.Payloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderingKeyTest {

    @Test
    void keysAnAllocationByItsSku() {
        assertThat(OrderingKey.of("allocate", utf8("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 3}")))
                .isEqualTo(OrderingKey.of("allocate", utf8("{\"orderid\": \"o2\", \"sku\": \"LAMP\", \"qty\": 1}")))
                .isNotEqualTo(OrderingKey.of("allocate", utf8("{\"orderid\": \"o1\", \"sku\": \"TABLE\", \"qty\": 3}")));
    }

    @Test
    void keysAChangeByItsBatch() {
        assertThat(OrderingKey.of("change_batch_quantity", utf8("{\"batchref\": \"b1\", \"qty\": 3}")))
                .isEqualTo(OrderingKey.of("change_batch_quantity", utf8("{\"batchref\": \"b1\", \"qty\": 0}")))
                .isNotEqualTo(OrderingKey.of("change_batch_quantity", utf8("{\"batchref\": \"b2\", \"qty\": 3}")));
    }

    @Test
    void givesWhatCannotBeReadTheKeyOfUnreadableMessages() {
        assertThat(OrderingKey.of("allocate", utf8("not json"))).isEqualTo(OrderingKey.UNREADABLE);
        assertThat(OrderingKey.of("allocate", utf8("{\"sku\": \"LAMP\"}"))).isEqualTo(OrderingKey.UNREADABLE);
        assertThat(OrderingKey.of("elsewhere", utf8("{}"))).isEqualTo(OrderingKey.UNREADABLE);
    }
}
