package org.allocation.adapters.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads settings from environment variables, each parsed and checked so that a bad value stops the process
 * at start-up with a message that names the variable (and never repeats a secret).
 */
final class Environment {

    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = variables;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    int integer(String name, int defaultValue, int min, int max) {
        return optional(name).map(value -> parseInteger(name, value, min, max)).orElse(defaultValue);
    }

    <T> T parsed(String name, String defaultValue, Function<String, T> parser) {
        String value = string(name, defaultValue);
        try {
            return parser.apply(value);
        } catch (InvalidSetting invalid) {
            throw invalid;
        } catch (RuntimeException malformed) {
            throw new InvalidSetting(name + " is malformed: " + malformed.getMessage());
        }
    }

    private static int parseInteger(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new InvalidSetting(name + " must be between " + min + " and " + max + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException notANumber) {
            throw new InvalidSetting(name + " must be a whole number, was '" + value + "'");
        }
    }
}
