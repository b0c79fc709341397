package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both processes' {@code /metrics} move as a scenario runs through them: HTTP requests by route and status, the
 * bus per message type, the outbox relayed and back to an empty backlog, stream entries handled and
 * dead-lettered. Counters are compared with a scrape taken before, so other tests before it do not matter.
 */
@ExtendWith(AllocationSystemExtension.class)
class MetricsIT {

    /** Outbox and pending gauges are refreshed every 5 s. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final String ALLOCATE_OK = "uri=\"/allocate\"";
    private static final String[] ALLOCATE_SUCCESS = {"message_type=\"Allocate\"", "outcome=\"success\""};

    @Test
    void theCountersOfBothProcessesMoveWithWhatTheyDid(AllocationSystem system, ApiClient api, RedisChannels redis) {
        Prometheus httpBefore = Prometheus.scrape(system.api().baseUri());
        Prometheus consumerBefore = Prometheus.scrape(system.consumerUri());
        String sku = randomSku("metrics");
        api.addBatch(randomBatchRef("metrics"), sku, 100, null);
        String byHttp = randomOrderId("metrics-http");
        String byStream = randomOrderId("metrics-stream");
        String streamBefore = redis.lastId("line_allocated");

        api.allocate(byHttp, sku, 1);
        redis.addToStream("allocate", Json.object("orderid", byStream, "sku", sku, "qty", 1));
        redis.addToStream("allocate", "not JSON " + byStream);

        await("both allocations on line_allocated").atMost(DEADLINE)
                .until(() -> LineAllocatedStream.countsPerOrder(redis, streamBefore, sku),
                        counts -> counts.size() >= 2);
        await("the metrics of both processes moved").atMost(DEADLINE).untilAsserted(() -> {
            Prometheus http = Prometheus.scrape(system.api().baseUri());
            Prometheus consumer = Prometheus.scrape(system.consumerUri());
            assertThat(moved(httpBefore, http, "http_server_requests_seconds_count", ALLOCATE_OK, "status=\"201\""))
                    .as("POST /allocate answered 201").isGreaterThanOrEqualTo(1);
            assertThat(moved(httpBefore, http, "http_server_requests_seconds_count", "uri=\"/add_batch\"",
                    "status=\"201\"")).as("POST /add_batch answered 201").isGreaterThanOrEqualTo(1);
            assertThat(moved(httpBefore, http, "allocation_bus_messages_seconds_count", ALLOCATE_SUCCESS))
                    .as("Allocate handled by the HTTP process's bus").isGreaterThanOrEqualTo(1);
            assertThat(moved(consumerBefore, consumer, "allocation_bus_messages_seconds_count", ALLOCATE_SUCCESS))
                    .as("Allocate handled by the consumer's bus").isGreaterThanOrEqualTo(1);
            assertThat(moved(httpBefore, http, "allocation_bus_messages_seconds_count",
                    "message_type=\"Allocated\"", "kind=\"event\""))
                    .as("Allocated handled as an event").isGreaterThanOrEqualTo(1);
            assertThat(moved(httpBefore, http, "allocation_outbox_relayed_total")
                    + moved(consumerBefore, consumer, "allocation_outbox_relayed_total"))
                    .as("outbox rows relayed by either process").isGreaterThanOrEqualTo(2);
            assertThat(moved(consumerBefore, consumer, "allocation_stream_entries_handled_total",
                    "stream=\"allocate\"")).as("stream entries handled").isGreaterThanOrEqualTo(1);
            assertThat(moved(consumerBefore, consumer, "allocation_stream_entries_dead_lettered_total",
                    "stream=\"allocate\"")).as("stream entries dead-lettered").isGreaterThanOrEqualTo(1);
            assertThat(http.value("allocation_outbox_backlog")).as("HTTP process's outbox backlog").isZero();
            assertThat(consumer.value("allocation_outbox_backlog")).as("consumer's outbox backlog").isZero();
            assertThat(consumer.value("allocation_stream_entries_pending", "stream=\"allocate\""))
                    .as("allocate entries pending").isZero();
            assertThat(http.has("allocation_outbox_oldest_age_seconds")).isTrue();
            assertThat(consumer.has("hikaricp_connections_active")).isTrue();
        });
    }

    private static double moved(Prometheus before, Prometheus after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
