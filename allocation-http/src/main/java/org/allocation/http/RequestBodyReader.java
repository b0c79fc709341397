package org.allocation.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body, never more than {@link #MAX_BYTES}: no request of this API needs more, and reading
 * without a cap would let one client fill the heap. Runs on a worker thread, in blocking mode.
 */
final class RequestBodyReader {

    static final int MAX_BYTES = 64 * 1024;

    /**
     * How much of a refused body is read and thrown away. Closing a connection that still holds unread data
     * makes TCP reset it, and the reset can overtake our 413, so that the client sees only a broken
     * connection. Reading the rest avoids that, within reason: past this much, the connection is closed.
     */
    static final int MAX_DRAINED_BYTES = 1024 * 1024;

    private RequestBodyReader() {
    }

    static byte[] read(HttpServerExchange exchange) {
        try {
            InputStream in = exchange.getInputStream();
            byte[] body = exchange.getRequestContentLength() > MAX_BYTES ? new byte[0] : in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES || exchange.getRequestContentLength() > MAX_BYTES) {
                drain(exchange, in);
                throw new BodyTooLarge(MAX_BYTES);
            }
            return body;
        } catch (IOException unreadable) {
            throw new InvalidRequest("Could not read the request body: " + unreadable.getMessage());
        }
    }

    private static void drain(HttpServerExchange exchange, InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long drained = 0;
        int read;
        while (drained <= MAX_DRAINED_BYTES && (read = in.read(buffer)) != -1) {
            drained += read;
        }
        if (drained > MAX_DRAINED_BYTES) {
            exchange.setPersistent(false);
        }
    }
}
