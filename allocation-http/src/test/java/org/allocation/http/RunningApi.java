package org.allocation.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.ports.AllocationsView;

/** The real HTTP API on a free port, and a client that calls it the way any other client would. */
final class RunningApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final HealthProbe ALL_UP = () -> Map.of("postgresql", true, "redis", true);

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningApi(HttpApi api) {
        this.server = HttpServer.start(api.handler(), "127.0.0.1", 0, 4);
    }

    /** The whole service in memory behind the API, no token. */
    static RunningApi inMemory() {
        InMemoryAllocation allocation = InMemoryAllocation.start();
        return over(allocation.bus(), allocation.views(), ALL_UP, Optional.empty());
    }

    static RunningApi over(MessageBus bus, AllocationsView views, HealthProbe health, Optional<String> token) {
        return new RunningApi(new HttpApi(bus, views, health, token));
    }

    static RunningApi over(HttpApi api) {
        return new RunningApi(api);
    }

    HttpServer server() {
        return server;
    }

    Answer post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    CompletableFuture<Answer> sendAsync(HttpRequest.Builder request) {
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body(), response));
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(1));
    }

    /** An HTTP answer, with its body read as JSON on demand. */
    record Answer(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("Not JSON: " + body, notJson);
            }
        }

        String message() {
            return json().path("message").asText();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }
}
