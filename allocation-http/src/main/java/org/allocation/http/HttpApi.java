package org.allocation.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import java.util.Optional;
import java.util.Set;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.ports.AllocationsView;

/**
 * The HTTP API of the allocation service, as SPEC's table has it, over whatever bus, read model and health
 * probe it is given: the real ones in production, the in-memory service in tests.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><td>POST /add_batch</td><td>201; 400 invalid body; 409 reference taken by another batch</td></tr>
 *   <tr><td>POST /allocate</td><td>201 {"batchref"}; 400 invalid body or unknown sku; 409 out of stock</td></tr>
 *   <tr><td>GET /allocations/{orderid}</td><td>200 [{"sku","batchref"}]; 404 no allocation</td></tr>
 *   <tr><td>GET /health</td><td>200 UP; 503 DOWN</td></tr>
 *   <tr><td>GET /metrics</td><td>200 Prometheus text</td></tr>
 *   <tr><td>GET /openapi.json</td><td>200 this table as an OpenAPI 3 document</td></tr>
 * </table>
 *
 * <p>Every error is JSON {@code {"message": "..."}}. 503 when storage is unavailable or a change lost every
 * retry to concurrent changes; 500 {@code "Internal error"} for anything unforeseen. Every answer carries
 * {@code X-Request-Id} (the client's, or a new one), which is also in the log lines of its request.
 */
public final class HttpApi {

    private static final Set<String> OPEN_PATHS = Set.of("/health", "/metrics");

    private final HttpHandler handler;

    /** The API with a registry of its own, for tests and embedding: {@code /metrics} shows the API's own meters. */
    public HttpApi(MessageBus bus, AllocationsView views, HealthProbe health, Optional<String> apiToken) {
        this(bus, views, health, apiToken, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * @param apiToken when present, every request but {@code /health} and {@code /metrics} must carry it as
     *                 {@code Authorization: Bearer <token>}
     * @param metrics  the process's registry: the API adds its request timers, and serves all of it on
     *                 {@code /metrics}
     */
    public HttpApi(MessageBus bus, AllocationsView views, HealthProbe health, Optional<String> apiToken,
                   PrometheusMeterRegistry metrics) {
        Router router = new Router()
                .route("POST", "/add_batch", blocking(new AddBatchEndpoint(bus)))
                .route("POST", "/allocate", blocking(new AllocateEndpoint(bus)))
                .route("GET", "/allocations/{orderid}", blocking(new AllocationsEndpoint(views)))
                .route("GET", "/health", blocking(new HealthEndpoint(health)))
                .route("GET", "/metrics", blocking(new MetricsEndpoint(metrics)))
                .route("GET", "/openapi.json", blocking(new OpenApiEndpoint()));
        HttpHandler guarded = apiToken
                .<HttpHandler>map(token -> new BearerTokenGuard(token, OPEN_PATHS, router))
                .orElse(router);
        this.handler = new CorrelationId(new RequestMetrics(metrics, router::routeOf, guarded));
    }

    /** The Undertow handler that serves the API; give it to {@link HttpServer}. */
    public HttpHandler handler() {
        return handler;
    }

    private static HttpHandler blocking(Endpoint endpoint) {
        return new BlockingEndpointHandler(endpoint);
    }
}
