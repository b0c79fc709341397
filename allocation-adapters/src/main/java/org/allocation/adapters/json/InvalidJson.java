package org.allocation.adapters.json;

/**
 * A document that is not the JSON object its reader expects: not UTF-8, not JSON, not an object, a field
 * unknown, missing, null or of the wrong type. The message says which in the sender's terms, the same words
 * whether the document came as an HTTP body (a 400) or as a Redis message (a dead letter).
 */
public final class InvalidJson extends RuntimeException {

    InvalidJson(String message) {
        super(message);
    }
}
