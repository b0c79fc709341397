package org.allocation.adapters.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.allocation.adapters.logging.Printable;

/**
 * The one strict reader of the JSON the service is sent, over HTTP and over Redis alike: a document is one JSON
 * object in UTF-8, and each field is read as exactly one type, or the reader throws {@link InvalidJson} naming
 * what is wrong. Nothing is coerced or guessed: {@code "3"} is not a quantity and {@code 3.5} not a whole one,
 * a field given twice or trailing garbage is ambiguous, and bytes that are not UTF-8 are refused rather than
 * replaced ({@link StrictUtf8}), because a sender that writes any of these has a bug worth hearing about. The
 * values' own rules (an identifier not blank, a quantity at least 1) are the commands' to check.
 */
public final class JsonObject {

    /** Strict: a field given twice, or anything after the object, is refused. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int LONGEST_QUOTED_VALUE = 40;

    private final JsonNode object;

    private JsonObject(JsonNode object) {
        this.object = object;
    }

    /**
     * @param document the bytes as received
     * @param fields   the fields the caller reads, named in the messages
     * @param unknown  what becomes of any other field
     */
    public static JsonObject parse(byte[] document, List<String> fields, UnknownFields unknown) {
        String expected = "a JSON object with fields " + String.join(", ", fields);
        JsonNode tree = tree(StrictUtf8.decode(document));
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidJson("Empty document; expected " + expected);
        }
        if (!tree.isObject()) {
            throw new InvalidJson("Expected " + expected + ", was " + describe(tree));
        }
        if (unknown == UnknownFields.REFUSED) {
            refuseUnknown(tree, fields);
        }
        return new JsonObject(tree);
    }

    public String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw new InvalidJson(field + " must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    public int wholeNumber(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber()) {
            throw new InvalidJson(field + " must be a whole number, was " + describe(value));
        }
        if (!value.canConvertToInt()) {
            throw new InvalidJson(field + " is out of range, was " + shortened(value.asText()));
        }
        return value.intValue();
    }

    /** A date {@code YYYY-MM-DD}, or empty for an explicit {@code null}. The field itself must be there. */
    public Optional<LocalDate> optionalDate(String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new InvalidJson(field + " is required: a date YYYY-MM-DD, or null");
        }
        if (value.isNull()) {
            return Optional.empty();
        }
        InvalidJson notADate = new InvalidJson(field + " must be a date YYYY-MM-DD or null, was " + describe(value));
        if (!value.isTextual() || !DATE.matcher(value.textValue()).matches()) {
            throw notADate;
        }
        try {
            // ISO_LOCAL_DATE resolves strictly: 2024-02-30 is refused, not moved to March.
            return Optional.of(LocalDate.parse(value.textValue(), DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException invalid) {
            throw notADate;
        }
    }

    private static JsonNode tree(String document) {
        try {
            return MAPPER.readTree(document);
        } catch (JsonProcessingException malformed) {
            var where = malformed.getLocation();
            throw new InvalidJson("Malformed JSON"
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                    // Jackson quotes the token it choked on, control characters and all.
                    + ": " + Printable.text(malformed.getOriginalMessage()));
        }
    }

    private static void refuseUnknown(JsonNode tree, List<String> fields) {
        List<String> unknown = new ArrayList<>();
        tree.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                unknown.add(shortened("'" + name + "'"));
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidJson("Unknown field" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + "; expected " + String.join(", ", fields));
        }
    }

    private JsonNode required(String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new InvalidJson(field + " is required");
        }
        if (value.isNull()) {
            throw new InvalidJson(field + " must not be null");
        }
        return value;
    }

    /** What a JSON value is, for a message: its type, and the value itself (as JSON, so escaped) when short. */
    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "the string " + shortened(value.toString());
            case NUMBER -> "the number " + shortened(value.asText());
            case BOOLEAN -> value.asText();
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * A sender's value as a message may echo it: that helps them, but not as 60 KiB, nor with control characters
     * (escaped as the logs escape them).
     */
    public static String shortened(String text) {
        String shown = text.length() <= LONGEST_QUOTED_VALUE ? text : text.substring(0, LONGEST_QUOTED_VALUE) + "...";
        return Printable.text(shown);
    }
}
