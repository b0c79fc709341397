package org.allocation.http;

/**
 * One request of the API's table: parse, build a command or query, hand it on, map the outcome. It may
 * block (it runs on a worker thread) and may throw: {@link Failures} turns exceptions into responses.
 */
@FunctionalInterface
interface Endpoint {

    Response handle(Request request);
}
