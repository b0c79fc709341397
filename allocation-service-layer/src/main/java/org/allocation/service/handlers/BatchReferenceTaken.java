package org.allocation.service.handlers;

/** A new batch under a reference that an existing, different batch already has. */
public final class BatchReferenceTaken extends RuntimeException {

    /** The reference already in use. */
    private final String reference;

    /**
     * The error for this reference.
     *
     * @param reference the reference already in use
     */
    public BatchReferenceTaken(String reference) {
        super("Batch " + reference + " already exists with other content");
        this.reference = reference;
    }

    /**
     * The reference already in use.
     *
     * @return the reference as it was given
     */
    public String reference() {
        return reference;
    }
}
