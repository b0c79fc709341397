package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import org.allocation.e2e.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's external-events test (tests/e2e/test_external_events.py) and its exercise: commands come in on Redis
 * channels, and every allocation goes out on {@code line_allocated}.
 */
@ExtendWith(AllocationSystemExtension.class)
class ExternalEventsIT {

    private final ApiClient api;
    private final RedisChannels redis;
    private Subscription lineAllocated;

    ExternalEventsIT(ApiClient api, RedisChannels redis) {
        this.api = api;
        this.redis = redis;
    }

    @BeforeEach
    void subscribeToLineAllocated() {
        lineAllocated = redis.subscribeTo("line_allocated");
    }

    @AfterEach
    void unsubscribe() {
        lineAllocated.close();
    }

    @Test
    void changeBatchQuantityLeadingToReallocation() {
        String orderid = randomOrderId("realloc");
        String sku = randomSku("realloc");
        String earlierBatch = randomBatchRef("old");
        String laterBatch = randomBatchRef("newer");
        api.addBatch(earlierBatch, sku, 10, "2011-01-01");
        api.addBatch(laterBatch, sku, 10, "2011-01-02");
        assertThat(api.allocate(orderid, sku, 10)).isEqualTo(earlierBatch);

        redis.publish("change_batch_quantity", Json.object("batchref", earlierBatch, "qty", 5));

        JsonNode reallocated = lineAllocated.awaitMessage("moving " + orderid + " to " + laterBatch,
                message -> Subscription.forOrder(orderid).test(message)
                        && laterBatch.equals(message.path("batchref").asText()));
        assertThat(reallocated).isEqualTo(Json.parse(
                Json.object("orderid", orderid, "sku", sku, "qty", 10, "batchref", laterBatch)));
    }

    @Test
    void theReadModelShowsTheNewBatchAfterAReallocation() {
        String orderid = randomOrderId("view");
        String sku = randomSku("view");
        String earlierBatch = randomBatchRef("old");
        String laterBatch = randomBatchRef("newer");
        api.addBatch(earlierBatch, sku, 10, "2011-01-01");
        api.addBatch(laterBatch, sku, 10, "2011-01-02");
        api.allocate(orderid, sku, 10);

        redis.publish("change_batch_quantity", Json.object("batchref", earlierBatch, "qty", 5));

        await("GET /allocations/" + orderid + " shows " + laterBatch).untilAsserted(() -> {
            Response allocations = api.getAllocations(orderid);
            assertThat(allocations.status()).as(allocations.body()).isEqualTo(200);
            assertThat(allocations.json()).isEqualTo(allocations(sku, laterBatch));
        });
    }

    @Test
    void anAllocateMessageIsAllocatedAndPublished() {
        String orderid = randomOrderId("via-redis");
        String sku = randomSku("via-redis");
        String batch = randomBatchRef("via-redis");
        api.addBatch(batch, sku, 10, null);

        redis.publish("allocate", Json.object("orderid", orderid, "sku", sku, "qty", 3));

        JsonNode allocated = lineAllocated.awaitMessage("for " + orderid, Subscription.forOrder(orderid));
        assertThat(allocated).isEqualTo(Json.parse(
                Json.object("orderid", orderid, "sku", sku, "qty", 3, "batchref", batch)));
        await("GET /allocations/" + orderid + " shows " + batch)
                .untilAsserted(() -> assertThat(api.getAllocations(orderid).json()).isEqualTo(allocations(sku, batch)));
    }

    @Test
    void anAllocateMessageReceivedTwiceIsAllocatedOnce() {
        String orderid = randomOrderId("dup");
        String laterOrderid = randomOrderId("later");
        String sku = randomSku("dup");
        String batch = randomBatchRef("dup");
        api.addBatch(batch, sku, 10, null);
        String message = Json.object("orderid", orderid, "sku", sku, "qty", 5);

        redis.publish("allocate", message);
        redis.publish("allocate", message);
        redis.publish("allocate", Json.object("orderid", laterOrderid, "sku", sku, "qty", 5));

        lineAllocated.awaitMessage("for " + laterOrderid, Subscription.forOrder(laterOrderid));
        assertThat(lineAllocated.messages()).filteredOn(Subscription.forOrder(orderid)).hasSize(1);
        assertThat(api.postToAllocate(randomOrderId("dup"), sku, 1).status()).as("the batch is full")
                .isEqualTo(409);
    }

    /** The read model's answer for an order with one line. */
    private static JsonNode allocations(String sku, String batchref) {
        return Json.parse("[" + Json.object("sku", sku, "batchref", batchref) + "]");
    }
}
