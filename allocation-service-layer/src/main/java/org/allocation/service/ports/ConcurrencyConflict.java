package org.allocation.service.ports;

/**
 * Another transaction changed the same product first, so this one was rolled back. Nothing is wrong with
 * the message itself: handling it again, on fresh data, will work. The message bus does that.
 */
public final class ConcurrencyConflict extends RuntimeException {

    public ConcurrencyConflict(String message, Throwable cause) {
        super(message, cause);
    }

    public ConcurrencyConflict(String message) {
        super(message);
    }
}
