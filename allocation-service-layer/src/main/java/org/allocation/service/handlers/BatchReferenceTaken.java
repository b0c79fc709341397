package org.allocation.service.handlers;

/** A new batch under a reference that an existing, different batch already has. */
public final class BatchReferenceTaken extends RuntimeException {

    private final String reference;

    public BatchReferenceTaken(String reference) {
        super("Batch " + reference + " already exists with other content");
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
