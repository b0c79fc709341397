package org.allocation.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * Gives every request a correlation id: the client's {@code X-Request-Id} when it is one we can safely log
 * and echo (printable ASCII, at most 128 characters), a new UUID otherwise. The id is echoed in the
 * response's {@code X-Request-Id}, is in the log context ({@code correlation_id}) of every line that the
 * request's worker thread writes, so that a client's complaint leads to our log lines, and goes to the bus with
 * the request's command ({@link Request#correlationId()}), which stores it with the events the request causes.
 */
final class CorrelationId implements HttpHandler {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "correlation_id";
    static final int MAX_LENGTH = 128;

    private static final HttpString HEADER_NAME = new HttpString(HEADER);
    private static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);

    private final HttpHandler next;

    CorrelationId(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String id = usable(exchange.getRequestHeaders().getFirst(HEADER_NAME))
                .orElseGet(() -> UUID.randomUUID().toString());
        exchange.putAttachment(KEY, id);
        exchange.getResponseHeaders().put(HEADER_NAME, id);
        next.handleRequest(exchange);
    }

    /**
     * Puts the exchange's correlation id in the log context of the current thread, until the returned
     * handle is closed. MDC is per thread: call it on the thread that does the work.
     */
    static MDC.MDCCloseable inLogContext(HttpServerExchange exchange) {
        return MDC.putCloseable(MDC_KEY, of(exchange));
    }

    /**
     * The exchange's correlation id, as the log context has it and as the endpoints give it to the bus.
     *
     * @return the id; {@code "-"} when the request did not pass through this handler
     */
    static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        return id == null ? "-" : id;
    }

    /** The client's id, unless it could forge log lines or bloat them: control characters, non-ASCII, length. */
    static Optional<String> usable(String candidate) {
        if (candidate == null || candidate.isBlank() || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        boolean printable = candidate.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        return printable ? Optional.of(candidate) : Optional.empty();
    }
}
