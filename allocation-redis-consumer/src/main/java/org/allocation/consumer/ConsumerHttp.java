package org.allocation.consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.allocation.adapters.health.ServerInfo;

/**
 * The consumer's own small HTTP port (JDK's built-in server; the consumer has no web framework):
 * {@code GET /metrics} in the Prometheus text format and {@code GET /health}, 200 {@code {"status":"UP",...}}
 * or 503 {@code DOWN} naming the server that does not answer, as the HTTP process answers them.
 */
final class ConsumerHttp implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService threads;

    private ConsumerHttp(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * @param port    0 for any free port (see {@link #port()})
     * @param servers which server each check reached in the last {@code health} check, as the HTTP process says
     */
    static ConsumerHttp start(int port, PrometheusMeterRegistry metrics, Supplier<Map<String, Boolean>> health,
                              Supplier<Map<String, ServerInfo>> servers) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "consumer-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, 404, JSON, "{\"message\":\"Not found\"}"));
        server.createContext("/metrics", exchange -> {
            if (isGet(exchange, "/metrics")) {
                answer(exchange, 200, PROMETHEUS_TEXT, metrics.scrape());
            }
        });
        server.createContext("/health", exchange -> {
            if (isGet(exchange, "/health")) {
                Map<String, Boolean> checks = new TreeMap<>(health.get());
                boolean up = checks.values().stream().allMatch(Boolean::booleanValue);
                answer(exchange, up ? 200 : 503, JSON, healthJson(up, checks, new TreeMap<>(servers.get())));
            }
        });
        server.start();
        return new ConsumerHttp(server, threads);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Answers 404 or 405 itself when the request is not a GET of exactly this path. */
    private static boolean isGet(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            answer(exchange, 404, JSON, "{\"message\":\"Not found\"}");
            return false;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            answer(exchange, 405, JSON, "{\"message\":\"Method not allowed: use GET\"}");
            return false;
        }
        return true;
    }

    static String healthJson(boolean up, Map<String, Boolean> checks, Map<String, ServerInfo> servers) {
        String states = checks.entrySet().stream()
                .map(check -> "\"" + check.getKey() + "\":\"" + (check.getValue() ? "UP" : "DOWN") + "\"")
                .collect(Collectors.joining(","));
        String down = checks.entrySet().stream().filter(check -> !check.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        String reached = servers.entrySet().stream()
                .map(server -> "\"" + server.getKey() + "\":{\"address\":\"" + jsonText(server.getValue().address())
                        + "\",\"role\":\"" + jsonText(server.getValue().role()) + "\",\"primary\":"
                        + server.getValue().primary() + "}")
                .collect(Collectors.joining(","));
        return (up ? "{\"status\":\"UP\"" : "{\"status\":\"DOWN\",\"message\":\"Unavailable: " + down + "\"")
                + ",\"checks\":{" + states + "},\"servers\":{" + reached + "}}";
    }

    /** Server addresses and roles come from the servers: kept valid JSON whatever they hold. */
    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", "?");
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
