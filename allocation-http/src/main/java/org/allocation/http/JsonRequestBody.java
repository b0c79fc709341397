package org.allocation.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a request body into the JSON object an endpoint takes, refusing anything else: a body declared as
 * something other than JSON, an empty or malformed body, a body that is not an object, and fields the
 * endpoint does not know (a misspelt optional field would otherwise be silently ignored).
 */
final class JsonRequestBody {

    private JsonRequestBody() {
    }

    /** The body's object, whose fields are all among {@code fields}. */
    static JsonFields parse(Request request, List<String> fields) {
        request.contentType().ifPresent(JsonRequestBody::requireJson);
        JsonNode body = tree(request.body(), fields);
        if (!body.isObject()) {
            throw new InvalidRequest("Request body must be a JSON object with fields " + String.join(", ", fields)
                    + ", was " + JsonFields.describe(body));
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                unknown.add("'" + JsonFields.shortened(name) + "'");
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidRequest("Unknown field" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + "; expected " + String.join(", ", fields));
        }
        return new JsonFields(body);
    }

    private static void requireJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new UnsupportedContentType(contentType);
        }
    }

    private static JsonNode tree(byte[] body, List<String> fields) {
        JsonNode tree;
        try {
            tree = Json.read(body);
        } catch (JsonProcessingException malformed) {
            var where = malformed.getLocation();
            throw new InvalidRequest("Malformed JSON"
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                    + ": " + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new InvalidRequest("Unreadable JSON: " + unreadable.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidRequest("Request body is empty; expected a JSON object with fields "
                    + String.join(", ", fields));
        }
        return tree;
    }
}
