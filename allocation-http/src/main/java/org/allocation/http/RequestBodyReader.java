package org.allocation.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;

/**
 * Reads a request body, never more than {@link #MAX_BYTES}: no request of this API needs more, and reading
 * without a cap would let one client fill the heap. Runs on a worker thread, in blocking mode.
 */
final class RequestBodyReader {

    static final int MAX_BYTES = 64 * 1024;

    private RequestBodyReader() {
    }

    static byte[] read(HttpServerExchange exchange) {
        // A declared length over the cap is refused before a byte of it is read.
        if (exchange.getRequestContentLength() > MAX_BYTES) {
            throw new BodyTooLarge(MAX_BYTES);
        }
        try {
            byte[] body = exchange.getInputStream().readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new BodyTooLarge(MAX_BYTES);
            }
            return body;
        } catch (IOException unreadable) {
            throw new InvalidRequest("Could not read the request body: " + unreadable.getMessage());
        }
    }
}
