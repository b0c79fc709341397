package org.allocation.adapters.health;

/**
 * Which server a process talks to and what it is there, as {@code /health} reports it: after a failover, the
 * address shows that the process follows the new primary.
 *
 * @param address {@code host:port} of the server as it sees itself (PostgreSQL's {@code inet_server_addr()} and
 *                port; Redis's {@code laddr} in {@code CLIENT INFO})
 * @param role    PostgreSQL: {@code primary} or {@code standby} ({@code pg_is_in_recovery()}); Redis:
 *                {@code master}, {@code slave} or {@code sentinel}, as {@code ROLE} answers
 * @param primary whether it takes writes: the one role the processes can work with
 */
public record ServerInfo(String address, String role, boolean primary) {
}
