package org.allocation.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What an endpoint answers: a status, the body (if any) with its content type, and extra headers. */
record Response(int status, Optional<String> contentType, String body, Map<String, String> headers) {

    static final String JSON = "application/json";

    /** A JSON body made from a record, a list or a map. */
    static Response json(int status, Object body) {
        return new Response(status, Optional.of(JSON), Json.write(body), Map.of());
    }

    /** The body every error has: {@code {"message": "..."}}. */
    static Response error(int status, String message) {
        return json(status, new ErrorBody(message));
    }

    static Response text(int status, String contentType, String body) {
        return new Response(status, Optional.of(contentType), body, Map.of());
    }

    static Response empty(int status) {
        return new Response(status, Optional.empty(), "", Map.of());
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(more));
    }

    record ErrorBody(String message) {
    }
}
