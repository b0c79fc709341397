package org.allocation.service.ports;

/**
 * The store cannot be reached (the database is down, the pool has no connection to give). Nothing was
 * changed; the same message can be handled once the store is back.
 */
public final class StorageUnavailable extends RuntimeException {

    /**
     * The store's failure.
     *
     * @param message what could not be reached, without credentials
     * @param cause   what the store's driver threw
     */
    public StorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
