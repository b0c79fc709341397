package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two consumer processes, as an operator runs them for availability, with the shipped defaults: one consumes,
 * the other stands by. Each pub/sub message is handled once, not once per process; and when the active one is
 * killed with SIGKILL and never comes back, the standby finishes its work within seconds, each entry once and
 * a SKU's allocations in stream order.
 */
@ExtendWith(AllocationSystemExtension.class)
class TwoConsumersIT {

    private static final int MESSAGES = 200;
    private static final int ORDERS = 2_000;
    private static final int SKUS = 10;
    private static final Duration TARGET = Duration.ofSeconds(15);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String PUBSUB_HANDLED = "allocation_pubsub_messages_handled_total";

    private final AllocationSystem system;

    TwoConsumersIT(AllocationSystem system) {
        this.system = system;
    }

    @AfterEach
    void backToOneConsumer() {
        system.backToOneConsumer();
    }

    @Test
    void eachPubSubMessageIsHandledOnceAndOnlyByTheActiveConsumer(ApiClient api, RedisChannels redis) {
        long subscribersBefore = redis.subscriberCounts("allocate").get("allocate");
        ServiceProcess standby = system.startAnotherConsumer();
        ServiceProcess active = system.awaitActiveConsumer(DEADLINE);
        Prometheus activeBefore = Prometheus.scrape(system.metricsOf(active));
        Prometheus standbyBefore = Prometheus.scrape(system.metricsOf(standby));
        String sku = randomSku("pubsub-once");
        api.addBatch(randomBatchRef("pubsub-once"), sku, MESSAGES, null);
        String streamBefore = redis.lastId(LineAllocatedStream.STREAM);
        List<String> orders = IntStream.range(0, MESSAGES).mapToObj(i -> sku + "-order-" + i).toList();

        orders.forEach(orderid -> redis.publish("allocate", Json.object("orderid", orderid, "sku", sku, "qty", 1)));

        Map<String, Integer> counts = await("all " + MESSAGES + " orders on " + LineAllocatedStream.STREAM)
                .atMost(DEADLINE)
                .until(() -> LineAllocatedStream.countsPerOrder(redis, streamBefore, sku),
                        found -> found.size() >= MESSAGES);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        await("the active consumer counted each message once").atMost(DEADLINE).untilAsserted(() -> assertThat(
                Prometheus.scrape(system.metricsOf(active)).value(PUBSUB_HANDLED, "channel=\"allocate\"")
                        - activeBefore.value(PUBSUB_HANDLED, "channel=\"allocate\"")).isEqualTo(MESSAGES));
        assertThat(Prometheus.scrape(system.metricsOf(standby)).value(PUBSUB_HANDLED, "channel=\"allocate\"")
                - standbyBefore.value(PUBSUB_HANDLED, "channel=\"allocate\"")).as("handled by the standby").isZero();
        assertThat(redis.subscriberCounts("allocate").get("allocate")).as("subscribers to allocate, the standby's none")
                .isEqualTo(subscribersBefore);
        System.out.printf("[fault] two consumer processes: %d pub/sub messages handled %d times in all, by the "
                + "active one; the standby handled none%n", MESSAGES, MESSAGES);
    }

    @Test
    void theStandbyFinishesTheWorkOfAnActiveConsumerKilledForGood(ApiClient api, RedisChannels redis) {
        system.startAnotherConsumer();
        ServiceProcess active = system.awaitActiveConsumer(DEADLINE);
        OrdersOnSkus load = OrdersOnSkus.prepare(api, redis, "failover", SKUS, ORDERS);

        redis.addAllToStream("allocate", load.payloads());
        int beforeKill = await("a quarter of the orders allocated").atMost(DEADLINE)
                .until(() -> load.announced(redis).size(), allocated -> allocated >= ORDERS / 4);
        java.time.Instant killed = java.time.Instant.now();
        active.kill();
        long killedAt = System.nanoTime();

        Map<String, Integer> counts = load.awaitAllAnnounced(redis, DEADLINE);
        Duration afterKill = Duration.ofNanos(System.nanoTime() - killedAt);
        ServiceProcess successor = system.awaitActiveConsumer(DEADLINE);
        assertThat(successor).isNotSameAs(active);
        Duration leaseTakenOver = Duration.between(killed, AllocationSystem.leaseTakenAt(successor));
        assertThat(afterKill).as("all handled after the kill").isLessThanOrEqualTo(TARGET);
        load.assertAllocatedOnceInOrder(api, redis);
        await("every allocate entry acknowledged")
                .untilAsserted(() -> assertThat(redis.pendingInGroup("allocate")).isZero());
        System.out.printf("[fault] SIGKILL of the active one of two consumers, never restarted: %d stream entries "
                        + "on %d SKUs, killed after %d allocated, the standby held the lease %d ms after the kill, "
                        + "all allocated %.1f s after the kill (target %d s), each SKU in stream order; lost 0, "
                        + "allocated twice 0, duplicate line_allocated entries %d%n", ORDERS, SKUS, beforeKill,
                leaseTakenOver.toMillis(), afterKill.toMillis() / 1e3, TARGET.toSeconds(),
                LineAllocatedStream.duplicates(counts));
    }
}
