package org.allocation.domain.model;

/** A batch reference that names no batch we know of. */
public final class UnknownBatch extends RuntimeException {

    private final String reference;

    public UnknownBatch(String reference) {
        super("Unknown batch " + reference);
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
