package org.allocation.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Writes the JSON the tests send and reads the JSON the system answers with. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** An object from alternating names and values, in that order; a value may be {@code null}. */
    static String object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode parse(String text) {
        return tryParse(text).orElseThrow(() -> new AssertionError("Not JSON: " + text));
    }

    static Optional<JsonNode> tryParse(String text) {
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The JSON as UTF-8 bytes, with {@code bytes} in place of its first '#': bytes no JSON reader may take. */
    static byte[] withBytes(String json, byte... bytes) {
        byte[] text = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = json.indexOf('#');
        byte[] result = new byte[text.length - 1 + bytes.length];
        System.arraycopy(text, 0, result, 0, at);
        System.arraycopy(bytes, 0, result, at, bytes.length);
        System.arraycopy(text, at + 1, result, at + bytes.length, text.length - at - 1);
        return result;
    }
}
