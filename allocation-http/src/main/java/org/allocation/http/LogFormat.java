package org.allocation.http;

import java.util.Map;
import java.util.Optional;

/**
 * {@code ALLOCATION_LOG_FORMAT}: {@code text} (the default, one readable line per event) or {@code json}
 * (one JSON object per line, for a log collector). logback.xml picks the appender by this name; a name it
 * does not know would silently log nothing, so the process refuses to start instead.
 */
final class LogFormat {

    static final String VARIABLE = "ALLOCATION_LOG_FORMAT";

    private LogFormat() {
    }

    /** What is wrong with the variable in {@code environment}, if anything. */
    static Optional<String> problem(Map<String, String> environment) {
        String format = environment.get(VARIABLE);
        if (format == null || format.equals("text") || format.equals("json")) {
            return Optional.empty();
        }
        return Optional.of(VARIABLE + " must be text or json, was '" + JsonFields.shortened(format) + "'");
    }
}
