package org.allocation.http;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Asks each backing service whether it can be reached right now: PostgreSQL and Redis in production,
 * anything at all in a test. {@code GET /health} answers 503 as soon as one of them says no.
 */
@FunctionalInterface
public interface HealthProbe {

    /** One entry per backing service, by name: {@code true} when it answered. May block. */
    Map<String, Boolean> check();

    /**
     * Which server each check reached in the last {@link #check()}, by the same names, and whether it is a primary;
     * those that did not answer are missing. None by default.
     */
    default Map<String, ReachedServer> servers() {
        return Map.of();
    }

    /** A probe from its two answers: {@code servers} is asked right after {@code check}. */
    static HealthProbe of(Supplier<Map<String, Boolean>> check, Supplier<Map<String, ReachedServer>> servers) {
        return new HealthProbe() {
            @Override
            public Map<String, Boolean> check() {
                return check.get();
            }

            @Override
            public Map<String, ReachedServer> servers() {
                return servers.get();
            }
        };
    }
}
