package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.allocation.adapters.metrics.Metrics;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final InMemoryAllocation allocation = InMemoryAllocation.start();
    private final PrometheusMeterRegistry registry = Metrics.prometheus();
    private final RunningApi api = RunningApi.over(
            new HttpApi(allocation.bus(), allocation.views(), RunningApi.ALL_UP, Optional.empty(), registry));

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void servesThePrometheusTextFormat() {
        var answer = api.get("/metrics");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).contains(MetricsEndpoint.PROMETHEUS_TEXT);
        assertThat(answer.body()).contains("# TYPE ");
    }

    @Test
    void countsRequestsByRouteTemplateAndStatusNeverByRawPath() {
        api.get("/allocations/order-1");
        api.get("/allocations/order-2");
        api.get("/no/such/path");

        String metrics = api.get("/metrics").body();

        assertThat(metrics).contains(
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/allocations/{orderid}\"} 2");
        assertThat(metrics).contains(
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"} 1");
        assertThat(metrics).doesNotContain("order-1").doesNotContain("/no/such/path");
    }

    @Test
    void keepsLatencyHistogramBuckets() {
        api.post("/add_batch", Bodies.batch("batch-1", "LAMP", 10, null));

        String metrics = api.get("/metrics").body();

        assertThat(metrics).contains(
                "http_server_requests_seconds_bucket{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/add_batch\",le=\"0.001\"}",
                "http_server_requests_seconds_bucket{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/add_batch\",le=\"+Inf\"} 1");
    }

    @Test
    void countsAWrongMethodUnderItsRouteAndAnOddMethodAsOther() {
        api.get("/allocate");
        api.send(api.request("/allocate").method("BREW", java.net.http.HttpRequest.BodyPublishers.noBody()));

        String metrics = api.get("/metrics").body();

        assertThat(metrics).contains("method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"405\",uri=\"/allocate\"");
        assertThat(metrics).contains("method=\"OTHER\",outcome=\"CLIENT_ERROR\",status=\"405\",uri=\"/allocate\"");
    }

    @Test
    void measuresTheJvm() {
        String metrics = api.get("/metrics").body();

        assertThat(metrics).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_uptime_seconds", "system_cpu_count");
    }
}
