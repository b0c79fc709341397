package org.allocation.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The one JSON configuration of the HTTP API. Reading is strict on purpose: a body with trailing garbage or
 * a field given twice is ambiguous, and guessing which value the client meant would hide their bug.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** The tree of a JSON document; a blank document gives a missing node. */
    static JsonNode read(byte[] document) throws IOException {
        return MAPPER.readTree(document);
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            // Only our own records, lists and maps of strings are written: this is a programming error.
            throw new IllegalStateException("Cannot write response body " + body, impossible);
        }
    }
}
