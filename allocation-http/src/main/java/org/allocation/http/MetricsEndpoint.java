package org.allocation.http;

/**
 * {@code GET /metrics}: a valid, empty Prometheus exposition until Micrometer arrives (a later issue), so
 * that scrapers can be configured now. It reports nothing rather than numbers nobody measured.
 */
final class MetricsEndpoint implements Endpoint {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    public Response handle(Request request) {
        return Response.text(200, PROMETHEUS_TEXT, "# No metrics are recorded yet.\n");
    }
}
