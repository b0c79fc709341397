package org.allocation.http;

/**
 * A server a health check reached, as {@code /health} shows it under {@code servers}: which one (after a failover,
 * the promoted one) and whether it takes writes.
 *
 * @param address {@code host:port} as the server sees itself
 * @param role    what the server calls itself: PostgreSQL {@code primary} or {@code standby}, Redis {@code master}
 *                or {@code slave}
 * @param primary whether it is the primary; its check is DOWN while it is not
 */
public record ReachedServer(String address, String role, boolean primary) {
}
