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
 * @param correlationId  the request's correlation id ({@link CorrelationId}), which an endpoint gives the bus with
 *                       the command, so that the events the request causes name it
 */
record Request(Map<String, String> pathParameters, Optional<String> contentType, byte[] body, String correlationId) {

    String pathParameter(String name) {
        return pathParameters.getOrDefault(name, "");
    }
}
