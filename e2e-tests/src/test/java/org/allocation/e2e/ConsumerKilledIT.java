package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The only consumer is killed with SIGKILL and started again, with the shipped defaults: the entries it had
 * read but not acknowledged, and those added while nothing ran, are handled within seconds of the restart (a
 * new process has a new consumer name: it takes over what the dead one held at once, not after the claim
 * time), each exactly once.
 */
@ExtendWith(AllocationSystemExtension.class)
class ConsumerKilledIT {

    private static final int ORDERS = 2_000;
    /** The orders' SKUs, taking turns: a SKU's orders are handled one at a time, the SKUs side by side. */
    private static final int SKUS = 10;
    private static final int ADDED_WHILE_DOWN = 20;
    private static final Duration TARGET = Duration.ofSeconds(15);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void everyOrderIsAllocatedExactlyOnceWhenTheConsumerIsKilledHalfway(AllocationSystem system, ApiClient api,
                                                                          RedisChannels redis) {
        OrdersOnSkus load = OrdersOnSkus.prepare(api, redis, "sigkill", SKUS, ORDERS);
        long started = System.nanoTime();

        redis.addAllToStream("allocate", load.payloads());
        int beforeKill = await("a quarter of the orders allocated").atMost(DEADLINE)
                .until(() -> load.announced(redis).size(), allocated -> allocated >= ORDERS / 4);
        system.killConsumer();
        long killedAt = System.nanoTime();
        long restartedAt = system.startConsumerAgain();

        Map<String, Integer> counts = load.awaitAllAnnounced(redis, DEADLINE);
        long finished = System.nanoTime();
        assertThat(Duration.ofNanos(finished - restartedAt)).as("all handled after the restart")
                .isLessThanOrEqualTo(TARGET);
        load.assertAllocatedOnceInOrder(api, redis);
        await("every allocate entry acknowledged")
                .untilAsserted(() -> assertThat(redis.pendingInGroup("allocate")).isZero());
        System.out.printf("[fault] SIGKILL of the only consumer, restarted: %d stream entries on %d SKUs, killed "
                        + "after %d allocated, all allocated %.1f s after the first entry, %.1f s after the kill, "
                        + "%.1f s after the restart (target %d s); each SKU in stream order; lost 0, allocated "
                        + "twice 0, duplicate line_allocated entries %d%n", ORDERS, SKUS, beforeKill,
                seconds(finished - started), seconds(finished - killedAt), seconds(finished - restartedAt),
                TARGET.toSeconds(), LineAllocatedStream.duplicates(counts));
    }

    @Test
    void entriesAddedWhileNoConsumerRunsAreHandledOnceItIsBack(AllocationSystem system, ApiClient api,
                                                                RedisChannels redis) {
        String sku = randomSku("while-down");
        api.addBatch(randomBatchRef("while-down"), sku, ADDED_WHILE_DOWN, null);
        String streamBefore = redis.lastId(LineAllocatedStream.STREAM);
        List<String> orders = IntStream.range(0, ADDED_WHILE_DOWN).mapToObj(i -> sku + "-order-" + i).toList();
        system.killConsumer();

        orders.forEach(orderid -> redis.addToStream("allocate", Json.object("orderid", orderid, "sku", sku,
                "qty", 1)));
        long restartedAt = system.startConsumerAgain();

        await("all " + ADDED_WHILE_DOWN + " orders on " + LineAllocatedStream.STREAM).atMost(DEADLINE)
                .until(() -> LineAllocatedStream.countsPerOrder(redis, streamBefore, sku),
                        found -> found.size() >= ADDED_WHILE_DOWN);
        Duration afterRestart = Duration.ofNanos(System.nanoTime() - restartedAt);
        assertThat(afterRestart).as("all handled after the restart").isLessThanOrEqualTo(TARGET);
        assertThat(LineAllocatedStream.ordersInStreamOrder(redis, streamBefore, sku)).isEqualTo(orders);
        for (String orderid : orders) {
            assertThat(api.getAllocations(orderid).json().size()).as(orderid + " allocated once").isEqualTo(1);
        }
        await("every allocate entry acknowledged")
                .untilAsserted(() -> assertThat(redis.pendingInGroup("allocate")).isZero());
        System.out.printf("[fault] %d entries added while no consumer ran: all allocated once, in stream order, "
                + "%.1f s after the restart (target %d s)%n", ADDED_WHILE_DOWN, afterRestart.toMillis() / 1e3,
                TARGET.toSeconds());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
