package org.allocation.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}, except on the open paths
 * (health and metrics, which probes and scrapers call without secrets). Otherwise 401.
 */
final class BearerTokenGuard implements HttpHandler {

    private static final String SCHEME = "Bearer ";

    private final byte[] expectedDigest;
    private final Set<String> openPaths;
    private final HttpHandler next;

    BearerTokenGuard(String token, Set<String> openPaths, HttpHandler next) {
        this.expectedDigest = sha256(token);
        this.openPaths = Set.copyOf(openPaths);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (openPaths.contains(exchange.getRelativePath()) || authorized(exchange)) {
            next.handleRequest(exchange);
            return;
        }
        ResponseSender.send(exchange, Response.error(401, "Missing or wrong bearer token: send Authorization: Bearer <token>")
                .withHeader("WWW-Authenticate", "Bearer"));
    }

    private boolean authorized(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        // Comparing digests keeps the time taken independent of both the content and the length of the
        // token, so that timing the answers teaches an attacker nothing.
        return MessageDigest.isEqual(sha256(header.substring(SCHEME.length()).trim()), expectedDigest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java platform has SHA-256", impossible);
        }
    }
}
