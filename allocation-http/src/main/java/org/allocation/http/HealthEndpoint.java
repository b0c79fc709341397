package org.allocation.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: 200 and UP when every backing service answers, 503 and DOWN otherwise, with each
 * check's state so that an operator sees which one is missing, and which server each check reached and whether it
 * is a primary ({@code servers}: after a failover, the promoted one). A probe that throws counts as DOWN: a health
 * check must never answer 500.
 */
final class HealthEndpoint implements Endpoint {

    private static final Logger log = LoggerFactory.getLogger(HealthEndpoint.class);

    private final HealthProbe probe;

    HealthEndpoint(HealthProbe probe) {
        this.probe = probe;
    }

    @Override
    public Response handle(Request request) {
        Map<String, Boolean> checks;
        try {
            checks = new TreeMap<>(probe.check());
        } catch (RuntimeException failure) {
            log.warn("Health probe failed", failure);
            return Response.json(503, new Down("DOWN", "Health check failed: " + failure.getMessage(), Map.of(),
                    Map.of()));
        }
        Map<String, String> states = checks.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, check -> check.getValue() ? "UP" : "DOWN", (a, b) -> a, TreeMap::new));
        String down = checks.entrySet().stream()
                .filter(check -> !check.getValue())
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));

        Map<String, ReachedServer> servers = new TreeMap<>(probe.servers());
        return down.isEmpty()
                ? Response.json(200, new Up("UP", states, servers))
                : Response.json(503, new Down("DOWN", "Unavailable: " + down, states, servers));
    }

    record Up(String status, Map<String, String> checks, Map<String, ReachedServer> servers) {
    }

    record Down(String status, String message, Map<String, String> checks, Map<String, ReachedServer> servers) {
    }
}
