package org.allocation.domain;

/**
 * A value the domain cannot accept: a blank identifier, a quantity below its minimum. The message names
 * the field and the value, so it can be shown to whoever sent it.
 */
public final class InvalidValue extends IllegalArgumentException {

    /**
     * The error, with what to tell whoever sent the value.
     *
     * @param message what was wrong, naming the field and the value it had
     */
    public InvalidValue(String message) {
        super(message);
    }
}
