package org.allocation.adapters.redis;

/** Redis did not take an event (it is down, or did not answer in time). The change itself was committed. */
public final class EventNotPublished extends RuntimeException {

    public EventNotPublished(String message, Throwable cause) {
        super(message, cause);
    }
}
