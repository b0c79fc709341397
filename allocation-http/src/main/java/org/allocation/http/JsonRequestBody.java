package org.allocation.http;

import java.util.List;
import java.util.Locale;
import org.allocation.adapters.json.JsonObject;
import org.allocation.adapters.json.UnknownFields;

/**
 * Turns a request body into the JSON object an endpoint takes, refusing anything else: a body declared as
 * something other than JSON, and whatever the shared strict reader refuses ({@link JsonObject}), including
 * fields the endpoint does not know (a misspelt optional field would otherwise be silently ignored).
 */
final class JsonRequestBody {

    private JsonRequestBody() {
    }

    /** The body's object, whose fields are all among {@code fields}. */
    static JsonObject parse(Request request, List<String> fields) {
        request.contentType().ifPresent(JsonRequestBody::requireJson);
        return JsonObject.parse(request.body(), fields, UnknownFields.REFUSED);
    }

    private static void requireJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new UnsupportedContentType(contentType);
        }
    }
}
