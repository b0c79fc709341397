package org.allocation.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Times every request into {@code http_server_requests_seconds} (a Prometheus histogram), tagged by method,
 * route, status and outcome. The route is the template ({@code /allocations/{orderid}}), never the path a
 * client sent: every order id in a tag would be a new time series, and a scraper would drown in them. Paths
 * that match no route share {@code NOT_FOUND}; unusual methods share {@code OTHER}.
 */
final class RequestMetrics implements HttpHandler {

    static final String NAME = "http.server.requests";
    static final String NOT_FOUND = "NOT_FOUND";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;
    private final Function<String, Optional<String>> routeOf;
    private final HttpHandler next;

    RequestMetrics(MeterRegistry registry, Function<String, Optional<String>> routeOf, HttpHandler next) {
        this.registry = registry;
        this.routeOf = routeOf;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Timer.Sample sample = Timer.start(registry);
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                sample.stop(timer(done));
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private Timer timer(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        int status = exchange.getStatusCode();
        return Timer.builder(NAME)
                .description("HTTP requests answered, by route and status")
                .tag("method", METHODS.contains(method) ? method : "OTHER")
                .tag("uri", routeOf.apply(exchange.getRelativePath()).orElse(NOT_FOUND))
                .tag("status", Integer.toString(status))
                .tag("outcome", outcome(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
