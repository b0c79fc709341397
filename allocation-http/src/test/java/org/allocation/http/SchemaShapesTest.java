package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The conformance test is only as good as its checker: it must see what a wrong answer gets wrong. */
class SchemaShapesTest {

    private static final OpenApiDocument DOCUMENT = OpenApiDocument.parse(OpenApiEndpoint.load());

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static java.util.List<String> problems(String route, String method, int status, String body) {
        return DOCUMENT.problemsWith(method, route, status, java.util.Optional.of("application/json"),
                java.util.Map.of(), body);
    }

    @Test
    void acceptsAnErrorWithItsMessage() {
        assertThat(problems("/allocate", "POST", 409, "{\"message\": \"Out of stock for sku LAMP\"}")).isEmpty();
    }

    @Test
    void seesAMissingPropertyAnExtraOneAndAWrongType() {
        assertThat(problems("/allocate", "POST", 201, "{}")).anyMatch(p -> p.contains("'batchref' is missing"));
        assertThat(problems("/allocate", "POST", 201, "{\"batchref\": \"b\", \"more\": 1}"))
                .anyMatch(p -> p.contains("more: property not in the schema"));
        assertThat(problems("/allocations/o-1", "GET", 200, "{\"sku\": \"LAMP\"}"))
                .anyMatch(p -> p.contains("expected type \"array\""));
    }

    @Test
    void seesAnUndocumentedStatusAndAMissingHeader() {
        assertThat(problems("/allocate", "POST", 418, "{\"message\": \"teapot\"}"))
                .containsExactly("status 418 is not documented for POST /allocate");
        assertThat(problems("/allocate", "POST", 503, "{\"message\": \"down\"}"))
                .containsExactly("header Retry-After is missing");
    }

    @Test
    void checksRequestBodiesToo() throws Exception {
        SchemaShapes shapes = new SchemaShapes(json(OpenApiEndpoint.load()));
        JsonNode addBatch = json("{\"$ref\": \"#/components/schemas/AddBatch\"}");

        assertThat(shapes.problems(json("{\"ref\": \"b\", \"sku\": \"S\", \"qty\": 1, \"eta\": null}"), addBatch)).isEmpty();
        assertThat(shapes.problems(json("{\"ref\": \"b\", \"sku\": \"S\", \"qty\": 0, \"eta\": \"2024-02-30\"}"), addBatch))
                .hasSize(2);
        assertThat(shapes.problems(json("{\"ref\": \"" + "r".repeat(256) + "\", \"sku\": \"S\", \"qty\": 1, \"eta\": null}"),
                addBatch)).anyMatch(p -> p.contains("longer than 255"));
    }
}
