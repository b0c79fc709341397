package org.allocation.consumer;

/** Told what became of each inbound message (metrics, in production); {@link #NONE} ignores it. */
@FunctionalInterface
public interface InboundMonitor {

    InboundMonitor NONE = (source, fromStream, outcome) -> { };

    /**
     * @param source     the stream or channel it came on
     * @param fromStream true for a stream entry, false for a pub/sub message
     */
    void handled(String source, boolean fromStream, MessageHandler.Outcome outcome);
}
