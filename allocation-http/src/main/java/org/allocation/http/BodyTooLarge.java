package org.allocation.http;

/** A request body over the size the API reads: 413. */
final class BodyTooLarge extends RuntimeException {

    BodyTooLarge(int maxBytes) {
        super("Request body is larger than " + maxBytes + " bytes");
    }
}
