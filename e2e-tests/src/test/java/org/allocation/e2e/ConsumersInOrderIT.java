package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several consumer processes in the group {@code allocation}, as an operator scales them out: a batch's
 * {@code change_batch_quantity} entries and a SKU's {@code allocate} entries take effect in stream order
 * whichever process reads them. With Redis handing a group's entries to its consumers in turn, a batch used to
 * end at 90 instead of 5.
 *
 * <p>{@code -Dallocation.e2e.ordering-rounds=10} repeats the scenario (fresh SKUs each round, the same
 * processes) to measure it; CI runs one round.
 */
@ExtendWith(AllocationSystemExtension.class)
class ConsumersInOrderIT {

    private static final int BATCHES = 10;
    private static final List<Integer> QUANTITIES = List.of(90, 80, 70, 60, 50, 40, 30, 20, 10, 5);
    private static final int SHORT_STOCK = 10;
    private static final int ORDERS_FOR_SHORT_STOCK = 30;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int ROUNDS = Integer.getInteger("allocation.e2e.ordering-rounds", 1);

    @ParameterizedTest(name = "{0} consumer processes")
    @ValueSource(ints = {2, 3})
    void everyBatchEndsAtItsLastQuantityAndEachSkuIsServedInStreamOrder(int consumers, AllocationSystem system,
                                                                        ApiClient api, RedisChannels redis) {
        try {
            for (int more = 1; more < consumers; more++) {
                system.startAnotherConsumer();
            }
            for (int round = 1; round <= ROUNDS; round++) {
                long took = playTheScenario(api, redis);
                System.out.printf("[order] %d consumer processes, round %d of %d: %d batches at their last "
                        + "quantity, %d of %d orders served in stream order, in %.2f s%n", consumers, round, ROUNDS,
                        BATCHES, SHORT_STOCK, ORDERS_FOR_SHORT_STOCK, took / 1e9);
            }
        } finally {
            system.backToOneConsumer();
        }
    }

    /** @return how long the system took, from the first entry added to the last one handled */
    private static long playTheScenario(ApiClient api, RedisChannels redis) {
        List<String> skus = new ArrayList<>();
        List<String> batches = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            skus.add(randomSku("order-" + i));
            batches.add(randomBatchRef("order-" + i));
            api.addBatch(batches.get(i), skus.get(i), 100, null);
        }
        String shortSku = randomSku("short");
        api.addBatch(randomBatchRef("short"), shortSku, SHORT_STOCK, null);
        List<String> orders = IntStream.range(0, ORDERS_FOR_SHORT_STOCK).mapToObj(i -> shortSku + "-o" + i).toList();
        String streamBefore = redis.lastId(LineAllocatedStream.STREAM);
        List<String> changes = new ArrayList<>();
        for (int qty : QUANTITIES) {
            batches.forEach(batch -> changes.add(Json.object("batchref", batch, "qty", qty)));
        }
        long started = System.nanoTime();

        // Pipelined, so that many entries wait at once and a read takes a good share of them.
        redis.addAllToStream("change_batch_quantity", changes);
        redis.addAllToStream("allocate", orders.stream()
                .map(orderid -> Json.object("orderid", orderid, "sku", shortSku, "qty", 1)).toList());
        await("every entry handled and acknowledged").atMost(DEADLINE).untilAsserted(() -> {
            assertThat(redis.groupCaughtUp("change_batch_quantity")).isTrue();
            assertThat(redis.groupCaughtUp("allocate")).isTrue();
        });
        long took = System.nanoTime() - started;

        for (int i = 0; i < BATCHES; i++) {
            // Exactly 5 left: 5 can be allocated, then not one more.
            assertThat(api.postToAllocate(skus.get(i) + "-five", skus.get(i), 5).status())
                    .as("%s holds at least 5", batches.get(i)).isEqualTo(201);
            assertThat(api.postToAllocate(skus.get(i) + "-one-more", skus.get(i), 1).status())
                    .as("%s holds no more than 5, its last quantity", batches.get(i)).isEqualTo(409);
        }
        List<String> served = await("the first " + SHORT_STOCK + " orders on " + LineAllocatedStream.STREAM)
                .atMost(DEADLINE).until(() -> LineAllocatedStream.ordersInStreamOrder(redis, streamBefore, shortSku),
                        found -> found.size() >= SHORT_STOCK);
        assertThat(served).as("first come, first served").isEqualTo(orders.subList(0, SHORT_STOCK));
        for (String late : orders.subList(SHORT_STOCK, orders.size())) {
            assertThat(api.getAllocations(late).status()).as(late + " out of stock: no allocation").isEqualTo(404);
        }
        return took;
    }
}
