package org.allocation.http;

/** A body declared as something other than JSON: 415. */
final class UnsupportedContentType extends RuntimeException {

    UnsupportedContentType(String contentType) {
        super("Content-Type must be application/json, was " + contentType);
    }
}
