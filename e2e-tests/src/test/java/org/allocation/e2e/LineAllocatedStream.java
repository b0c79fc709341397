package org.allocation.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the {@code line_allocated} stream says about one SKU since a given entry: how often each order was
 * announced, so that a fault test can count the orders that arrived, the lost ones and the duplicates.
 */
final class LineAllocatedStream {

    static final String STREAM = "line_allocated";

    private LineAllocatedStream() {
    }

    /** Order id to the number of {@code Allocated} entries for it on {@code sku}, after {@code afterId}. */
    static Map<String, Integer> countsPerOrder(RedisChannels redis, String afterId, String sku) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String data : redis.streamDataAfter(STREAM, afterId)) {
            Optional<JsonNode> event = Json.tryParse(data);
            if (event.isPresent() && sku.equals(event.get().path("sku").asText())) {
                counts.merge(event.get().path("orderid").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * The orders allocated on {@code sku} after {@code afterId}, in the order the stream announced them, each
     * once: a duplicate (at least once) repeats an order already announced, and is left out.
     */
    static java.util.List<String> ordersInStreamOrder(RedisChannels redis, String afterId, String sku) {
        java.util.LinkedHashSet<String> orders = new java.util.LinkedHashSet<>();
        for (String data : redis.streamDataAfter(STREAM, afterId)) {
            Optional<JsonNode> event = Json.tryParse(data);
            if (event.isPresent() && sku.equals(event.get().path("sku").asText())) {
                orders.add(event.get().path("orderid").asText());
            }
        }
        return java.util.List.copyOf(orders);
    }

    static int duplicates(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(count -> count - 1).sum();
    }
}
