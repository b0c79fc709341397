package org.allocation.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.allocation.http.OpenApiDocument;

/**
 * The suite's side of the HTTP API, as the book's {@code api_client}: plain HTTP. Every answer is also held
 * against the OpenAPI document (allocation-http's openapi.json): one that the document does not promise fails
 * the test that received it.
 */
final class ApiClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final OpenApiDocument DOCUMENT = openApiDocument();

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    ApiClient(URI baseUri) {
        this.baseUri = baseUri;
    }

    URI baseUri() {
        return baseUri;
    }

    /** Adds a batch and checks that it was accepted; {@code eta} is {@code YYYY-MM-DD}, or null for warehouse stock. */
    void addBatch(String ref, String sku, int qty, String eta) {
        Response response = postToAddBatch(ref, sku, qty, eta);
        assertThat(response.status()).as("POST /add_batch %s: %s", ref, response.body()).isEqualTo(201);
    }

    Response postToAddBatch(String ref, String sku, int qty, String eta) {
        return post("/add_batch", Json.object("ref", ref, "sku", sku, "qty", qty, "eta", eta));
    }

    /** Allocates and checks that it succeeded; returns the batch reference. */
    String allocate(String orderid, String sku, int qty) {
        Response response = postToAllocate(orderid, sku, qty);
        assertThat(response.status()).as("POST /allocate %s: %s", orderid, response.body()).isEqualTo(201);
        return response.json().path("batchref").asText();
    }

    Response postToAllocate(String orderid, String sku, int qty) {
        return post("/allocate", Json.object("orderid", orderid, "sku", sku, "qty", qty));
    }

    Response getAllocations(String orderid) {
        return send("GET", "/allocations/" + orderid, null);
    }

    Response post(String path, String body) {
        return send("POST", path, body);
    }

    /** Any request, with a JSON body or none ({@code null}). */
    Response send(String method, String path, String body) {
        return sendBody(method, path, body == null ? null : BodyPublishers.ofString(body));
    }

    /** A POST of bytes as they are, declared JSON, UTF-8 or not. */
    Response post(String path, byte[] body) {
        return sendBody("POST", path, BodyPublishers.ofByteArray(body));
    }

    private Response sendBody(String method, String path, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, body);
        }
        try {
            var response = http.send(request.build(), BodyHandlers.ofString());
            List<String> undocumented = DOCUMENT.problemsWith(method, path, response.statusCode(),
                    response.headers().firstValue("Content-Type"), response.headers().map(), response.body());
            assertThat(undocumented).as("%s %s answered %d, not as openapi.json documents it", method, path,
                    response.statusCode()).isEmpty();
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private static OpenApiDocument openApiDocument() {
        String path = System.getProperty("allocation.e2e.openapi", "../allocation-http/src/main/resources/openapi.json");
        try {
            return OpenApiDocument.parse(Files.readString(Path.of(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document " + path + " cannot be read", e);
        }
    }

    record Response(int status, String contentType, String body) {

        JsonNode json() {
            return Json.parse(body);
        }

        String message() {
            return json().path("message").asText();
        }
    }
}
