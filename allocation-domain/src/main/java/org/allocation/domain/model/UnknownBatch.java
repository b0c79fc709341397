package org.allocation.domain.model;

/** A batch reference that names no batch we know of. */
public final class UnknownBatch extends RuntimeException {

    /** The reference that named nothing. */
    private final String reference;

    /**
     * The error for this reference.
     *
     * @param reference the reference that named nothing
     */
    public UnknownBatch(String reference) {
        super("Unknown batch " + reference);
        this.reference = reference;
    }

    /**
     * The reference that named nothing.
     *
     * @return the reference as it was given
     */
    public String reference() {
        return reference;
    }
}
