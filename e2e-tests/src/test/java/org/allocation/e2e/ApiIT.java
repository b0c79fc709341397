package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.allocation.e2e.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The book's API tests (tests/e2e/test_api.py), and what the SPEC adds to them, through plain HTTP. */
@ExtendWith(AllocationSystemExtension.class)
class ApiIT {

    private final ApiClient api;
    private final AllocationSystem system;

    ApiIT(ApiClient api, AllocationSystem system) {
        this.api = api;
        this.system = system;
    }

    @Test
    void happyPathReturns201AndTheEarliestBatch() {
        String sku = randomSku("happy");
        String otherSku = randomSku("other");
        String earlyBatch = randomBatchRef("1");
        String laterBatch = randomBatchRef("2");
        String otherBatch = randomBatchRef("3");
        api.addBatch(laterBatch, sku, 100, "2011-01-02");
        api.addBatch(earlyBatch, sku, 100, "2011-01-01");
        api.addBatch(otherBatch, otherSku, 100, null);

        Response response = api.postToAllocate(randomOrderId("happy"), sku, 3);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("batchref").asText()).isEqualTo(earlyBatch);
    }

    @Test
    void unhappyPathReturns400AndAnErrorMessage() {
        String unknownSku = randomSku("unknown");

        Response response = api.postToAllocate(randomOrderId("unhappy"), unknownSku, 20);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.message()).isEqualTo("Invalid sku " + unknownSku);
    }

    @Test
    void outOfStockReturns409AndSendsANotification() {
        String sku = randomSku("scarce");
        api.addBatch(randomBatchRef("scarce"), sku, 5, null);

        Response response = api.postToAllocate(randomOrderId("greedy"), sku, 6);

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.message()).isEqualTo("Out of stock for sku " + sku);
        // Without SMTP the notification is a log line of the process that handled the command.
        await("the out-of-stock notification for " + sku + " is in the " + AllocationSystem.HTTP + " log")
                .untilAsserted(() -> assertThat(system.http().logLines())
                .anyMatch(line -> line.contains("stock@made.com") && line.contains("Out of stock for " + sku)));
    }

    @Test
    void allocationsOfAnOrderCanBeReadBack() {
        String sku = randomSku("read");
        String batch = randomBatchRef("read");
        String orderid = randomOrderId("read");
        api.addBatch(batch, sku, 10, null);
        api.allocate(orderid, sku, 2);

        Response response = api.getAllocations(orderid);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(Json.parse("[" + Json.object("sku", sku, "batchref", batch) + "]"));
    }

    @Test
    void anOrderWithoutAllocationsIsNotFound() {
        Response response = api.getAllocations(randomOrderId("nothing"));

        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.message()).isNotBlank();
    }

    @Test
    void addingTheSameBatchTwiceSucceedsBothTimes() {
        String ref = randomBatchRef("twice");
        String sku = randomSku("twice");

        Response first = api.postToAddBatch(ref, sku, 10, "2011-01-01");
        Response second = api.postToAddBatch(ref, sku, 10, "2011-01-01");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(api.allocate(randomOrderId("twice"), sku, 10)).isEqualTo(ref);
        assertThat(api.postToAllocate(randomOrderId("twice"), sku, 1).status())
                .as("the batch was created once: its 10 are all allocated").isEqualTo(409);
    }

    @Test
    void addingABatchWhoseReferenceExistsWithOtherContentIsAConflict() {
        String ref = randomBatchRef("conflict");
        String sku = randomSku("conflict");
        api.addBatch(ref, sku, 10, null);

        Response otherQuantity = api.postToAddBatch(ref, sku, 20, null);
        Response otherSku = api.postToAddBatch(ref, randomSku("conflict"), 10, null);

        assertThat(otherQuantity.status()).as(otherQuantity.body()).isEqualTo(409);
        assertThat(otherQuantity.message()).isNotBlank();
        assertThat(otherSku.status()).as(otherSku.body()).isEqualTo(409);
        assertThat(otherSku.message()).isNotBlank();
    }

    @Test
    void anAllocationSentTwiceIsAllocatedAndPublishedOnce() {
        String sku = randomSku("dup");
        String batch = randomBatchRef("dup");
        String orderid = randomOrderId("dup");
        String laterOrderid = randomOrderId("later");
        api.addBatch(batch, sku, 10, null);
        try (Subscription lineAllocated = system.redis().subscribeTo("line_allocated")) {

            Response first = api.postToAllocate(orderid, sku, 5);
            Response second = api.postToAllocate(orderid, sku, 5);
            // Allocated events are published in commit order: once this one is out, a duplicate would be too.
            assertThat(api.allocate(laterOrderid, sku, 5)).as("stock consumed once").isEqualTo(batch);
            lineAllocated.awaitMessage("for " + laterOrderid, Subscription.forOrder(laterOrderid));

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(second.status()).as(second.body()).isEqualTo(201);
            assertThat(second.json().path("batchref").asText()).isEqualTo(batch);
            assertThat(lineAllocated.messages()).filteredOn(Subscription.forOrder(orderid)).hasSize(1);
            assertThat(api.postToAllocate(randomOrderId("dup"), sku, 1).status()).as("the batch is full")
                    .isEqualTo(409);
        }
    }
}
