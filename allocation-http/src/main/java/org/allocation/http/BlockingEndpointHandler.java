package org.allocation.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an {@link Endpoint} on a worker thread: every endpoint blocks (on the database, on Redis), and an
 * IO thread that blocks stalls every connection it serves. Reads the body with its cap, turns whatever the
 * endpoint throws into a response, and keeps the request's correlation id in the log context meanwhile.
 */
final class BlockingEndpointHandler implements HttpHandler {

    private final Endpoint endpoint;

    BlockingEndpointHandler(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        try (var logContext = CorrelationId.inLogContext(exchange)) {
            Response response;
            try {
                response = endpoint.handle(requestOf(exchange));
            } catch (Exception failure) {
                response = Failures.toResponse(failure);
            }
            ResponseSender.send(exchange, response);
        }
    }

    private static Request requestOf(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        Map<String, String> parameters = match == null ? Map.of() : Map.copyOf(match.getParameters());
        Optional<String> contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
        return new Request(parameters, contentType, RequestBodyReader.read(exchange), CorrelationId.of(exchange));
    }
}
