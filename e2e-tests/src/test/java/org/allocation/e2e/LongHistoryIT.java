package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allocation.e2e.StockHistory.PriorBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The writes on a SKU with a long history (50,000 prior allocations, written in the database), as shipped: a change
 * of quantity gives back only the newest lines and an added batch takes orders; and changes of stock that arrive
 * while the SKU is busy with allocations all take effect, none dead-lettered for losing races.
 */
@ExtendWith(AllocationSystemExtension.class)
class LongHistoryIT {

    private static final int PRIOR_ALLOCATIONS = 50_000;
    /** Changes of quantity sent while the SKU is busy: enough to lose races, few enough for CI (seconds). */
    private static final int CHANGES_UNDER_LOAD = 20;
    private static final int ALLOCATING_CLIENTS = 4;

    private final ApiClient api;
    private final RedisChannels redis;
    private final StockHistory history;
    private Subscription lineAllocated;

    LongHistoryIT(AllocationSystem system) {
        this.api = system.api();
        this.redis = system.redis();
        this.history = new StockHistory(system.database());
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
    void aShrinkOfABatchWithALongHistoryReallocatesItsNewestLineAndKeepsTheOthers() {
        String sku = randomSku("long-shrink");
        String warehouse = randomBatchRef("long-warehouse");
        String shipment = randomBatchRef("long-shipment");
        history.give(sku, new PriorBatch(warehouse, null, 0, PRIOR_ALLOCATIONS),
                new PriorBatch(shipment, "2030-01-01", 10, 0));

        redis.publish("change_batch_quantity", Json.object("batchref", warehouse, "qty", PRIOR_ALLOCATIONS - 1));

        String newest = warehouse + "-" + PRIOR_ALLOCATIONS;
        lineAllocated.awaitMessage("moving " + newest + " to " + shipment,
                message -> Subscription.forOrder(newest).test(message)
                        && shipment.equals(message.path("batchref").asText()));
        assertThat(history.rows("SELECT purchased_quantity, allocated_quantity, (SELECT count(*) FROM allocations a"
                + " WHERE a.batch_reference = b.reference) FROM batches b WHERE reference = ?", warehouse))
                .containsExactly(List.of(PRIOR_ALLOCATIONS - 1, PRIOR_ALLOCATIONS - 1, (long) PRIOR_ALLOCATIONS - 1));
        assertThat(api.getAllocations(warehouse + "-1").json().path(0).path("batchref").asText()).isEqualTo(warehouse);
    }

    @Test
    void aBatchAddedToASkuWithALongHistoryTakesTheNextOrder() {
        String sku = randomSku("long-add");
        String full = randomBatchRef("long-full");
        history.give(sku, new PriorBatch(full, null, 0, PRIOR_ALLOCATIONS));
        String added = randomBatchRef("long-added");

        api.addBatch(added, sku, 10, null);

        assertThat(api.allocate(randomOrderId("long-add"), sku, 3)).isEqualTo(added);
        assertThat(api.postToAddBatch(full, sku, 1, null).status()).as("a taken reference").isEqualTo(409);
    }

    @Test
    void changesOfStockWhileTheSkuIsBusyAllTakeEffectAndNoneIsDeadLettered() throws Exception {
        String sku = randomSku("busy");
        String warehouse = randomBatchRef("busy-warehouse");
        String changed = randomBatchRef("busy-changed");
        history.give(sku, new PriorBatch(warehouse, null, 1_000_000, PRIOR_ALLOCATIONS),
                new PriorBatch(changed, "2030-01-01", 0, CHANGES_UNDER_LOAD));
        String deadLettersBefore = redis.lastDeadLetterId();
        AtomicBoolean busy = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(ALLOCATING_CLIENTS);
        List<Future<List<Integer>>> answers = new ArrayList<>();
        for (int client = 0; client < ALLOCATING_CLIENTS; client++) {
            answers.add(clients.submit(() -> allocateWhile(busy, sku)));
        }

        try {
            for (int k = 0; k < CHANGES_UNDER_LOAD; k++) {
                String payload = Json.object("batchref", changed, "qty", CHANGES_UNDER_LOAD - 1 - k);
                if (k % 2 == 0) {
                    redis.publish("change_batch_quantity", payload);
                } else {
                    redis.addToStream("change_batch_quantity", payload);
                }
                String givenBack = changed + "-" + (CHANGES_UNDER_LOAD - k);
                JsonNode reallocated = lineAllocated.awaitMessage("moving " + givenBack + " to " + warehouse,
                        message -> Subscription.forOrder(givenBack).test(message));
                assertThat(reallocated.path("batchref").asText()).isEqualTo(warehouse);
            }
        } finally {
            busy.set(false);
            clients.shutdown();
        }

        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> answer : answers) {
            statuses.addAll(answer.get(30, TimeUnit.SECONDS));
        }
        assertThat(statuses).as("every allocation made while the changes came in").isNotEmpty().containsOnly(201);
        assertThat(redis.deadLettersAfter(deadLettersBefore)).isEmpty();
        assertThat(history.rows("SELECT purchased_quantity, allocated_quantity FROM batches WHERE reference = ?",
                changed)).containsExactly(List.of(0, 0));
        assertThat(history.rows("SELECT reference FROM batches b WHERE sku = ? AND (allocated_quantity >"
                + " purchased_quantity OR allocated_quantity <> (SELECT coalesce(sum(qty), 0) FROM allocations a"
                + " WHERE a.batch_reference = b.reference))", sku)).as("over-allocated or inconsistent").isEmpty();
    }

    /** POST /allocate on the SKU, one order after another, until told to stop; the statuses answered. */
    private List<Integer> allocateWhile(AtomicBoolean busy, String sku) {
        List<Integer> statuses = new ArrayList<>();
        while (busy.get()) {
            statuses.add(api.postToAllocate(randomOrderId("busy"), sku, 1).status());
        }
        return statuses;
    }
}
