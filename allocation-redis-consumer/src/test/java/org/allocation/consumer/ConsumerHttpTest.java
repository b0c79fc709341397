package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.allocation.adapters.config.InvalidSetting;
import org.allocation.adapters.health.ServerInfo;
import org.allocation.adapters.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer's own port: metrics, health, and nothing else. */
class ConsumerHttpTest {

    private final PrometheusMeterRegistry registry = Metrics.prometheus();
    private final Map<String, Boolean> checks = new LinkedHashMap<>(Map.of("postgres", true, "redis", true));
    private final Map<String, ServerInfo> servers = new LinkedHashMap<>(Map.of(
            "postgres", new ServerInfo("10.0.0.5:5432", "primary", true)));
    private final ConsumerHttp http = ConsumerHttp.start(0, registry, () -> checks, () -> servers);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void servesTheInboundCountersFromTheStart() throws Exception {
        new InboundMetrics(registry).handled("allocate", true, MessageHandler.Outcome.DEAD_LETTERED);

        HttpResponse<String> metrics = get("GET", "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("allocation_stream_entries_dead_lettered_total{stream=\"allocate\"} 1.0")
                .contains("allocation_stream_entries_handled_total{stream=\"change_batch_quantity\"} 0.0")
                .contains("allocation_pubsub_messages_handled_total{channel=\"allocate\"} 0.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void healthIsUpWhenEveryServerAnswersAndDownNamingTheOneThatDoesNot() throws Exception {
        assertThat(get("GET", "/health").body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"postgres\":\"UP\","
                + "\"redis\":\"UP\"},\"servers\":{\"postgres\":{\"address\":\"10.0.0.5:5432\",\"role\":\"primary\","
                + "\"primary\":true}}}");

        checks.put("redis", false);
        HttpResponse<String> down = get("GET", "/health");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"", "Unavailable: redis");
    }

    @Test
    void anUnknownPathIs404AndAnotherMethod405() throws Exception {
        assertThat(get("GET", "/allocate").statusCode()).isEqualTo(404);
        assertThat(get("GET", "/metrics/extra").statusCode()).isEqualTo(404);
        assertThat(get("POST", "/metrics").statusCode()).isEqualTo(405);
    }

    @Test
    void thePortIsOffUnlessSetAndMustBeAPort() {
        assertThat(ConsumerObservability.port(Map.of())).isEmpty();
        assertThat(ConsumerObservability.port(Map.of("ALLOCATION_CONSUMER_HTTP_PORT", "9091")))
                .isEqualTo(OptionalInt.of(9091));
        assertThatThrownBy(() -> ConsumerObservability.port(Map.of("ALLOCATION_CONSUMER_HTTP_PORT", "http")))
                .isInstanceOf(InvalidSetting.class).hasMessageContaining("ALLOCATION_CONSUMER_HTTP_PORT");
    }

    private HttpResponse<String> get(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
