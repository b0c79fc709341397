package org.allocation.adapters.logging;

import org.slf4j.MDC;

/**
 * The correlation id in the log context ({@code correlation_id} in the MDC): set by the entry point for the whole
 * handling of a message (the HTTP request's {@code X-Request-Id}, the stream entry, a new id for a pub/sub
 * message), so that every line the message causes carries it. The bus handles a message and the events it
 * causes on the caller's thread, so its handlers log with the id too. The log context is for log lines: the
 * entry point gives the same id to the bus as data ({@code MessageBus.handle(command, correlationId)}), which
 * hands it to each unit of work; nothing reads it from here but the log layout.
 */
public final class LogContext {

    public static final String CORRELATION_ID = "correlation_id";

    private LogContext() {
    }

    /** Puts {@code id} in this thread's log context until the handle is closed, restoring what was there. */
    public static Scope correlated(String id) {
        String previous = MDC.get(CORRELATION_ID);
        MDC.put(CORRELATION_ID, id);
        return () -> {
            if (previous == null) {
                MDC.remove(CORRELATION_ID);
            } else {
                MDC.put(CORRELATION_ID, previous);
            }
        };
    }

    /** Ends a correlation; closing never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
