package org.allocation.adapters.persistence;

/**
 * The database refused or failed a statement for a reason that is neither a lost race nor an unreachable
 * server: a bug, a schema that does not match the mapping. Retrying will not help; someone should look.
 */
public final class StorageFailure extends RuntimeException {

    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
