package org.allocation.http;

import static org.allocation.http.Bodies.allocation;
import static org.allocation.http.Bodies.batch;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AllocationApiTest {

    private final RunningApi api = RunningApi.inMemory();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void allocatesToTheEarliestBatchAndAnswersItsReference() {
        api.post("/add_batch", batch("laterbatch", "SMALL-TABLE", 100, "2011-01-02"));
        api.post("/add_batch", batch("earlybatch", "SMALL-TABLE", 100, "2011-01-01"));
        api.post("/add_batch", batch("otherbatch", "OTHER-TABLE", 100, null));

        var answer = api.post("/allocate", allocation("order-1", "SMALL-TABLE", 3));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("batchref").asText()).isEqualTo("earlybatch");
    }

    @Test
    void refusesAnUnknownSkuNamingIt() {
        api.post("/add_batch", batch("batch-1", "LAMP", 10, null));

        var answer = api.post("/allocate", allocation("order-1", "NONEXISTENT-SKU", 1));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).isEqualTo("Invalid sku NONEXISTENT-SKU");
    }

    @Test
    void answersOutOfStockWithAConflict() {
        api.post("/add_batch", batch("batch-1", "LAMP", 2, null));

        var answer = api.post("/allocate", allocation("order-1", "LAMP", 3));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.message()).isEqualTo("Out of stock for sku LAMP");
    }

    @Test
    void addsABatchWithA201() {
        var answer = api.post("/add_batch", batch("batch-1", "LAMP", 10, "2030-12-31"));

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void acceptsTheSameBatchAgain() {
        api.post("/add_batch", batch("batch-1", "LAMP", 10, null));

        var answer = api.post("/add_batch", batch("batch-1", "LAMP", 10, null));

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void refusesAnotherBatchUnderATakenReference() {
        api.post("/add_batch", batch("batch-1", "LAMP", 10, null));

        var answer = api.post("/add_batch", batch("batch-1", "LAMP", 11, null));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.message()).contains("batch-1");
    }

    @Test
    void allocatingTheSameLineTwiceAnswersTheSameBatch() {
        api.post("/add_batch", batch("batch-1", "LAMP", 10, null));
        api.post("/allocate", allocation("order-1", "LAMP", 10));

        var answer = api.post("/allocate", allocation("order-1", "LAMP", 10));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("batchref").asText()).isEqualTo("batch-1");
    }

    @Test
    void showsWhereAnOrderWasAllocated() {
        api.post("/add_batch", batch("batch-1", "LAMP", 10, null));
        api.post("/add_batch", batch("batch-2", "TABLE", 10, null));
        api.post("/allocate", allocation("order-1", "LAMP", 1));
        api.post("/allocate", allocation("order-1", "TABLE", 1));

        var answer = api.get("/allocations/order-1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).hasSize(2);
        assertThat(answer.json().findValuesAsText("batchref")).containsExactlyInAnyOrder("batch-1", "batch-2");
        assertThat(answer.json().findValuesAsText("sku")).containsExactlyInAnyOrder("LAMP", "TABLE");
    }

    @Test
    void answersNotFoundForAnOrderWithoutAllocations() {
        var answer = api.get("/allocations/order-nobody-placed");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.message()).isEqualTo("No allocations for order order-nobody-placed");
    }
}
