package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumer is killed with SIGKILL while it works through 2,000 {@code allocate} stream entries, and started
 * again: the entries it had read but not acknowledged are taken over, and every order is allocated exactly once.
 */
@ExtendWith(AllocationSystemExtension.class)
class ConsumerKilledIT {

    private static final int ORDERS = 2_000;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void everyOrderIsAllocatedExactlyOnceWhenTheConsumerIsKilledHalfway(AllocationSystem system, ApiClient api,
                                                                          RedisChannels redis) {
        String sku = randomSku("sigkill");
        String batch = randomBatchRef("sigkill");
        api.addBatch(batch, sku, ORDERS, null);
        String streamBefore = redis.lastId(LineAllocatedStream.STREAM);
        List<String> orders = IntStream.range(0, ORDERS).mapToObj(i -> sku + "-order-" + i).toList();
        long started = System.nanoTime();

        redis.addAllToStream("allocate", orders.stream()
                .map(orderid -> Json.object("orderid", orderid, "sku", sku, "qty", 1)).toList());
        int beforeKill = Eventually.await("a quarter of the orders allocated", DEADLINE, () -> Optional.of(
                        LineAllocatedStream.countsPerOrder(redis, streamBefore, sku).size())
                .filter(allocated -> allocated >= ORDERS / 4));
        system.killConsumer();
        long killedAt = System.nanoTime();
        system.startConsumerAgain();

        Map<String, Integer> counts = Eventually.await("all " + ORDERS + " orders on " + LineAllocatedStream.STREAM,
                DEADLINE, () -> Optional.of(LineAllocatedStream.countsPerOrder(redis, streamBefore, sku))
                        .filter(found -> found.size() >= ORDERS));
        long finished = System.nanoTime();
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        for (String orderid : orders) {
            ApiClient.Response allocations = api.getAllocations(orderid);
            assertThat(allocations.status()).as(orderid).isEqualTo(200);
            assertThat(allocations.json().size()).as(orderid + " allocated once").isEqualTo(1);
        }
        assertThat(api.postToAllocate(sku + "-one-more", sku, 1).status()).as("the batch is exactly full")
                .isEqualTo(409);
        Eventually.untilAsserted("every allocate entry acknowledged",
                () -> assertThat(redis.pendingInGroup("allocate")).isZero());
        System.out.printf("[fault] SIGKILL consumer: %d stream entries, killed after %d allocated, all allocated "
                        + "%.1f s after the first entry (%.1f s after the kill, restart included); lost 0, "
                        + "allocated twice 0, duplicate line_allocated entries %d%n", ORDERS, beforeKill,
                seconds(finished - started), seconds(finished - killedAt), LineAllocatedStream.duplicates(counts));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
