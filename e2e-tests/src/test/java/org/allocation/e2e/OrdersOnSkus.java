package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders for a few SKUs, each SKU with a batch that holds exactly its orders, sent as {@code allocate} entries
 * with the SKUs taking turns (as real traffic mixes them): the fault tests' load. The consumer handles the SKUs
 * side by side and each SKU's orders one at a time, so a SKU's orders must be allocated in the order sent.
 */
final class OrdersOnSkus {

    private final List<String> skus = new ArrayList<>();
    private final List<String> orders = new ArrayList<>();
    private final List<String> payloads = new ArrayList<>();
    private final String streamBefore;

    private OrdersOnSkus(ApiClient api, RedisChannels redis, String name, int skuCount, int total) {
        for (int i = 0; i < skuCount; i++) {
            String sku = randomSku(name + "-" + i);
            skus.add(sku);
            api.addBatch(randomBatchRef(name + "-" + i), sku, total / skuCount, null);
        }
        for (int i = 0; i < total; i++) {
            String sku = skus.get(i % skuCount);
            String orderid = sku + "-order-" + i;
            orders.add(orderid);
            payloads.add(Json.object("orderid", orderid, "sku", sku, "qty", 1));
        }
        streamBefore = redis.lastId(LineAllocatedStream.STREAM);
    }

    /** Adds the batches; {@code total} orders spread evenly over {@code skuCount} SKUs. */
    static OrdersOnSkus prepare(ApiClient api, RedisChannels redis, String name, int skuCount, int total) {
        return new OrdersOnSkus(api, redis, name, skuCount, total);
    }

    List<String> orders() {
        return orders;
    }

    /** The {@code allocate} payloads, in the order to send them. */
    List<String> payloads() {
        return payloads;
    }

    /** Order id to how often {@code line_allocated} announced it, over all the SKUs. */
    Map<String, Integer> announced(RedisChannels redis) {
        Map<String, Integer> counts = new TreeMap<>();
        skus.forEach(sku -> counts.putAll(LineAllocatedStream.countsPerOrder(redis, streamBefore, sku)));
        return counts;
    }

    /** Waits until every order was announced on {@code line_allocated}; returns the counts. */
    Map<String, Integer> awaitAllAnnounced(RedisChannels redis, Duration deadline) {
        return await("all " + orders.size() + " orders on " + LineAllocatedStream.STREAM).atMost(deadline)
                .until(() -> announced(redis), found -> found.size() >= orders.size());
    }

    /**
     * Each order allocated exactly once (the read model), each SKU's in the order sent (the stream), and every
     * batch exactly full.
     */
    void assertAllocatedOnceInOrder(ApiClient api, RedisChannels redis) {
        for (String sku : skus) {
            List<String> ofSku = orders.stream().filter(orderid -> orderid.startsWith(sku + "-")).toList();
            assertThat(LineAllocatedStream.ordersInStreamOrder(redis, streamBefore, sku))
                    .as("%s allocated in stream order", sku).isEqualTo(ofSku);
            assertThat(api.postToAllocate(sku + "-one-more", sku, 1).status()).as("%s's batch exactly full", sku)
                    .isEqualTo(409);
        }
        for (String orderid : orders) {
            ApiClient.Response allocations = api.getAllocations(orderid);
            assertThat(allocations.status()).as(orderid).isEqualTo(200);
            assertThat(allocations.json().size()).as(orderid + " allocated once").isEqualTo(1);
        }
    }
}
