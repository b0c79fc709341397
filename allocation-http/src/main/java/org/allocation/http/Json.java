package org.allocation.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** How the HTTP API writes its JSON; reading is the shared strict reader's ({@code JsonObject}). */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
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
