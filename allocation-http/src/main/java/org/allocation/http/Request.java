package org.allocation.http;

import java.util.Map;
import java.util.Optional;

/**
 * What an endpoint gets of an HTTP request, already taken off Undertow's exchange so that endpoints need
 * no Undertow type.
 *
 * @param pathParameters the values of the route's {@code {placeholders}}, by name
 * @param contentType    the Content-Type header, when the client sent one
 * @param body           the whole body, at most {@link RequestBodyReader#MAX_BYTES} bytes
 */
record Request(Map<String, String> pathParameters, Optional<String> contentType, byte[] body) {

    String pathParameter(String name) {
        return pathParameters.getOrDefault(name, "");
    }
}
