package org.allocation.domain;

/**
 * The checks every message and entity applies to what it is given. Each throws {@link InvalidValue} with a
 * message that names the field, so an error that reaches a client says exactly what was wrong.
 */
public final class Require {

    /** The longest reference, SKU or order id accepted: the width of the columns that store them. */
    public static final int MAX_IDENTIFIER_LENGTH = 255;

    private Require() {
    }

    /**
     * An identifier (reference, SKU, order id): present, not blank, at most 255 characters.
     *
     * @param field the name the sender knows the value by, such as {@code "sku"}
     * @param value the identifier
     * @return the identifier, unchanged
     * @throws InvalidValue when it is missing, blank or too long
     */
    public static String identifier(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValue(field + " must not be blank");
        }
        if (value.length() > MAX_IDENTIFIER_LENGTH) {
            throw new InvalidValue(field + " must be at most " + MAX_IDENTIFIER_LENGTH + " characters, was "
                    + value.length());
        }
        return value;
    }

    /**
     * A whole quantity no smaller than {@code minimum}.
     *
     * @param field   the name the sender knows the value by, such as {@code "qty"}
     * @param value   the quantity
     * @param minimum the smallest quantity accepted
     * @return the quantity, unchanged
     * @throws InvalidValue when it is below the minimum
     */
    public static int atLeast(String field, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidValue(field + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /**
     * Anything that must simply be there.
     *
     * @param <T>   the value's type
     * @param field the name the sender knows the value by
     * @param value the value
     * @return the value, unchanged
     * @throws InvalidValue when it is null
     */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidValue(field + " is required");
        }
        return value;
    }
}
