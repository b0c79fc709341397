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
     * An identifier (reference, SKU, order id): not blank, at most 255 characters, and text that every store and
     * log can take as it is: valid UTF-8 (no unpaired surrogate, such as a JSON escape {@code "\ud800"} gives)
     * without control characters (U+0000 to U+001F, U+007F). PostgreSQL refuses a NUL, and a line break would
     * let an identifier forge a log line; both are the sender's mistake, so they are refused here, naming the
     * field, before any adapter sees them.
     *
     * @param field the name the sender knows the value by, such as {@code "sku"}
     * @param value the identifier
     * @return the identifier, unchanged
     * @throws InvalidValue when it is missing, blank, too long, or not such text
     */
    public static String identifier(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValue(field + " must not be blank");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_IDENTIFIER_LENGTH) {
            throw new InvalidValue(field + " must be at most " + MAX_IDENTIFIER_LENGTH + " characters, was " + length);
        }
        for (int i = 0, position = 1; i < value.length(); i += Character.charCount(value.codePointAt(i)), position++) {
            int c = value.codePointAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                // codePointAt gives a surrogate only when it has no partner.
                throw new InvalidValue(field + " must be valid UTF-8 text, has an unpaired surrogate "
                        + codePoint(c) + " at character " + position);
            }
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidValue(field + " must not contain control characters, has " + codePoint(c)
                        + " at character " + position);
            }
        }
        return value;
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
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
