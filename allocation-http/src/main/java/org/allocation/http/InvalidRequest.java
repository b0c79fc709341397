package org.allocation.http;

/** A request body that is not what the endpoint takes: 400, with a message saying what is wrong. */
final class InvalidRequest extends RuntimeException {

    InvalidRequest(String message) {
        super(message);
    }
}
