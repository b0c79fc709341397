package org.allocation.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 document of this API, as kept in the repository
 * ({@code src/main/resources/openapi.json}) and checked against real answers by {@code OpenApiConformanceTest}.
 * It is behind the bearer token like every route but health and metrics, as SPEC says.
 */
final class OpenApiEndpoint implements Endpoint {

    static final String RESOURCE = "/openapi.json";

    private final String document = load();

    @Override
    public Response handle(Request request) {
        return Response.text(200, Response.JSON, document);
    }

    static String load() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
