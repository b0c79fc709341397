package org.allocation.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of a request's JSON object, each read as exactly one type. Nothing is coerced: {@code "3"} is
 * not a quantity and {@code 3.5} is not a whole one, because a client that sends them has a bug worth
 * hearing about. The values' own rules (not blank, at least 1) are the commands' to check.
 */
final class JsonFields {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MAX_ECHO = 40;

    private final JsonNode object;

    JsonFields(JsonNode object) {
        this.object = object;
    }

    String text(String field) {
        JsonNode value = present(field);
        if (!value.isTextual()) {
            throw new InvalidRequest(field + " must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    int wholeNumber(String field) {
        JsonNode value = present(field);
        if (!value.isIntegralNumber()) {
            throw new InvalidRequest(field + " must be a whole number, was " + describe(value));
        }
        if (!value.canConvertToInt()) {
            throw new InvalidRequest(field + " is out of range, was " + shortened(value.asText()));
        }
        return value.intValue();
    }

    /** A date {@code YYYY-MM-DD}, or empty for an explicit {@code null}. The field itself must be there. */
    Optional<LocalDate> optionalDate(String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new InvalidRequest(field + " is required: a date YYYY-MM-DD, or null");
        }
        if (value.isNull()) {
            return Optional.empty();
        }
        String expected = field + " must be a date YYYY-MM-DD or null, was ";
        if (!value.isTextual()) {
            throw new InvalidRequest(expected + describe(value));
        }
        String text = value.textValue();
        try {
            if (!DATE.matcher(text).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            // ISO_LOCAL_DATE resolves strictly: 2024-02-30 is refused, not moved to March.
            return Optional.of(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException invalid) {
            throw new InvalidRequest(expected + "'" + shortened(text) + "'");
        }
    }

    private JsonNode present(String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new InvalidRequest(field + " is required");
        }
        if (value.isNull()) {
            throw new InvalidRequest(field + " must not be null");
        }
        return value;
    }

    /** What a JSON value is, for a message: its type, and the value itself when it is short and harmless. */
    static String describe(JsonNode value) {
        switch (value.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return shortened(value.asText());
            case BOOLEAN:
                return value.asText();
            case NULL:
                return "null";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            default:
                return "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Echoing a client's value helps them, but not when it is a 60 KiB string. */
    static String shortened(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }
}
