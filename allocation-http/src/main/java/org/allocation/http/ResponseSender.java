package org.allocation.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;

/** Writes a {@link Response} to Undertow, from an IO thread or a worker thread alike. */
final class ResponseSender {

    private ResponseSender() {
    }

    static void send(HttpServerExchange exchange, Response response) {
        exchange.setStatusCode(response.status());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        response.contentType().ifPresent(type -> exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type));
        if (response.body().isEmpty()) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(response.body(), StandardCharsets.UTF_8);
        }
    }
}
