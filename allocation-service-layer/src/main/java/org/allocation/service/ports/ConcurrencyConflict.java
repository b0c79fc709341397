package org.allocation.service.ports;

/**
 * Another transaction changed the same product first, so this one was rolled back. Nothing is wrong with
 * the message itself: handling it again, on fresh data, will work. The message bus does that.
 */
public final class ConcurrencyConflict extends RuntimeException {

    /**
     * A conflict the store reported with an exception of its own.
     *
     * @param message which product, and what happened
     * @param cause   what the store threw
     */
    public ConcurrencyConflict(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A conflict found without an exception, such as a version that changed.
     *
     * @param message which product, and what happened
     */
    public ConcurrencyConflict(String message) {
        super(message);
    }
}
