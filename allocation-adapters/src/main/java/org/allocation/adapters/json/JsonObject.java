package org.allocation.adapters.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
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
 * replaced, because a sender that writes any of these has a bug worth hearing about. The values' own rules (an
 * identifier not blank, a quantity at least 1) are the commands' to check.
 */
public final class JsonObject {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
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
        JsonNode tree = tree(utf8(document));
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

    private static String utf8(byte[] document) {
        // A decoder of our own reports malformed input instead of replacing it: a replaced byte would turn an order
        // id that is not text into a different, valid one.
        ByteBuffer in = ByteBuffer.wrap(document);
        CharBuffer out = CharBuffer.allocate(document.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        if (decoder.decode(in, out, true).isError()) {
            String where = String.format("byte 0x%02X at offset %d", document[in.position()] & 0xFF, in.position());
            throw new InvalidJson(fieldHoldingInvalidBytes(document)
                    .map(field -> field + " is not valid UTF-8: " + where)
                    .orElse("Malformed JSON: not valid UTF-8: " + where));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * The field whose value holds the bytes that are not UTF-8, so that the sender hears which of their values is
     * broken, when they are inside a string. Found by reading the document again with each such byte as an unpaired
     * surrogate (U+DC80 to U+DCFF, as Python's "surrogateescape"), which no valid text holds.
     */
    private static Optional<String> fieldHoldingInvalidBytes(byte[] document) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(withInvalidBytesEscaped(document));
        } catch (JsonProcessingException structureBroken) {
            return Optional.empty();
        }
        if (tree == null || !tree.isObject()) {
            return Optional.empty();
        }
        for (var fields = tree.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (!isText(field.getKey())) {
                return Optional.empty();
            }
            if (!holdsOnlyText(field.getValue())) {
                return Optional.of(shortened(field.getKey()));
            }
        }
        return Optional.empty();
    }

    private static String withInvalidBytesEscaped(byte[] document) {
        ByteBuffer in = ByteBuffer.wrap(document);
        CharBuffer out = CharBuffer.allocate(document.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        for (CoderResult result = decoder.decode(in, out, true); result.isError();
             result = decoder.decode(in, out, true)) {
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (0xDC00 | (in.get() & 0xFF)));
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static boolean holdsOnlyText(JsonNode value) {
        if (value.isTextual()) {
            return isText(value.textValue());
        }
        for (var names = value.fieldNames(); names.hasNext(); ) {
            if (!isText(names.next())) {
                return false;
            }
        }
        for (JsonNode child : value) {
            if (!holdsOnlyText(child)) {
                return false;
            }
        }
        return true;
    }

    /** No unpaired surrogate: text that UTF-8 can encode. */
    private static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
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
