package org.allocation.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: everything the process's registry holds, in the Prometheus text format. */
final class MetricsEndpoint implements Endpoint {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Response handle(Request request) {
        return Response.text(200, PROMETHEUS_TEXT, registry.scrape());
    }
}
