package org.allocation.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A second HTTP process, started with {@code ALLOCATION_API_TOKEN}, on a database of its own: the token rule
 * seen from outside, without changing the suite's main system. Closing it stops the process and drops the
 * database; its log stays beside the others.
 */
final class SecuredHttpProcess implements AutoCloseable {

    static final String NAME = "allocation-http-secured";

    private final ServiceProcess process;
    private final TestDatabase database;
    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private SecuredHttpProcess(ServiceProcess process, TestDatabase database, URI baseUri) {
        this.process = process;
        this.database = database;
        this.baseUri = baseUri;
    }

    static SecuredHttpProcess start(String token) {
        E2eSettings settings = E2eSettings.fromEnvironment();
        TestDatabase database = TestDatabase.create(settings.dbAdminUrl(), settings.dbUser(), settings.dbPassword());
        int port = freePort();
        ServiceProcess process = ServiceProcess.start(NAME, settings.httpJar(), Map.of(
                "ALLOCATION_DB_URL", database.jdbcUrl(),
                "ALLOCATION_DB_USER", database.user(),
                "ALLOCATION_DB_PASSWORD", database.password(),
                "ALLOCATION_REDIS_URL", settings.redisUrl(),
                "ALLOCATION_HTTP_PORT", Integer.toString(port),
                "ALLOCATION_API_TOKEN", token), settings.logDirectory());
        SecuredHttpProcess secured = new SecuredHttpProcess(process, database, URI.create("http://127.0.0.1:" + port));
        try {
            await(NAME + " answers GET /health with UP").atMost(settings.startupTimeout())
                    .failFast(process::assertAlive)
                    .until(() -> secured.send("GET", "/health", null, Map.of()).status() == 200);
            return secured;
        } catch (RuntimeException | AssertionError e) {
            secured.close();
            throw new IllegalStateException(e.getMessage() + "\n--- " + NAME + " log ---\n" + process.tail(40), e);
        }
    }

    ServiceProcess process() {
        return process;
    }

    /** Any request, with a JSON body or none ({@code null}), and the headers given. */
    Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        try {
            return new Answer(http.send(request.build(), BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.requestStop();
        process.awaitStop();
        database.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    record Answer(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String message() {
            return Json.parse(body()).path("message").asText();
        }
    }
}
