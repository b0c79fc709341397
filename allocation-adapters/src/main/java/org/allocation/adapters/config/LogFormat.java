package org.allocation.adapters.config;

import java.util.Map;
import java.util.Optional;

/**
 * {@code ALLOCATION_LOG_FORMAT}, read by both processes: {@code text} (the default, one readable line per event)
 * or {@code json} (one JSON object per line, for a log collector). Each process's logback.xml includes
 * {@code logging/<format>.xml} from this module's resources, so both log alike; a name it does not know would
 * silently log nothing, so the process refuses to start instead.
 */
public final class LogFormat {

    public static final String VARIABLE = "ALLOCATION_LOG_FORMAT";

    private LogFormat() {
    }

    /** What is wrong with the variable in {@code environment}, if anything. */
    public static Optional<String> problem(Map<String, String> environment) {
        String format = environment.get(VARIABLE);
        if (format == null || format.equals("text") || format.equals("json")) {
            return Optional.empty();
        }
        return Optional.of(VARIABLE + " must be text or json, was '" + (format.length() <= 20 ? format : format.substring(0, 20) + "...") + "'");
    }
}
