package org.allocation.http;

import java.util.Map;

/**
 * Asks each backing service whether it can be reached right now: PostgreSQL and Redis in production,
 * anything at all in a test. {@code GET /health} answers 503 as soon as one of them says no.
 */
@FunctionalInterface
public interface HealthProbe {

    /** One entry per backing service, by name: {@code true} when it answered. May block. */
    Map<String, Boolean> check();
}
