package org.allocation.service.ports;

/**
 * The names of the channels other systems read our events from: part of the contract with them
 * (docs/MESSAGES.md), and kept beside the {@link EventPublisher} port so that the handler that publishes an
 * event and the adapter that stores it in the outbox name the same channel without depending on each other.
 */
public final class Channels {

    /** The channel (a Redis stream, in production) the warehouse reads allocations from. */
    public static final String LINE_ALLOCATED = "line_allocated";

    private Channels() {
    }
}
