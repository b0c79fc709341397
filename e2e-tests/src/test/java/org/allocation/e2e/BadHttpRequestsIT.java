package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.allocation.e2e.ApiClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a client sends, the API answers with a 4xx and a JSON message saying what was wrong: never a 5xx, never a
 * stack trace. Each body below is a valid request but for one thing, so that thing is what gets it rejected.
 */
@ExtendWith(AllocationSystemExtension.class)
class BadHttpRequestsIT {

    /** In stock, so that an allocation is refused only for what is wrong with its body. */
    private static final String SKU = randomSku("bad-requests");
    private static final int SIXTY_FOUR_KIB = 64 * 1024;

    /** What an identifier's CR/LF would start: a line that looks like the HTTP process's own. */
    private static final String FORGED = "2026-01-01T00:00:00.000Z INFO  [main] org.allocation.http.Main - forged";

    private final ApiClient api;
    private final AllocationSystem system;

    BadHttpRequestsIT(ApiClient api, AllocationSystem system) {
        this.api = api;
        this.system = system;
    }

    @BeforeAll
    static void stockTheSku(ApiClient api) {
        api.addBatch(randomBatchRef("bad-requests"), SKU, 1_000_000, null);
    }

    static Stream<Arguments> badBatches() {
        return Stream.of(
                arguments("malformed JSON", "{\"ref\": \"" + randomBatchRef("bad") + "\", \"sku\": "),
                arguments("not JSON at all", "add a batch please"),
                arguments("an empty body", ""),
                arguments("JSON null", "null"),
                arguments("a JSON array", "[" + batch(randomBatchRef("bad"), SKU, 10, null) + "]"),
                arguments("a JSON string", "\"" + randomBatchRef("bad") + "\""),
                arguments("ref missing", Json.object("sku", SKU, "qty", 10, "eta", null)),
                arguments("sku missing", Json.object("ref", randomBatchRef("bad"), "qty", 10, "eta", null)),
                arguments("qty missing", Json.object("ref", randomBatchRef("bad"), "sku", SKU, "eta", null)),
                arguments("ref null", batch(null, SKU, 10, null)),
                arguments("sku null", batch(randomBatchRef("bad"), null, 10, null)),
                arguments("qty null", batch(randomBatchRef("bad"), SKU, null, null)),
                arguments("ref a number", batch(42, SKU, 10, null)),
                arguments("sku an object", Json.object("ref", randomBatchRef("bad"), "sku", java.util.Map.of(),
                        "qty", 10, "eta", null)),
                arguments("ref blank", batch("   ", SKU, 10, null)),
                arguments("ref 256 characters", batch("r".repeat(256), SKU, 10, null)),
                arguments("ref holding a NUL", batch(randomBatchRef("bad") + "\u0000", SKU, 10, null)),
                arguments("sku holding a CR/LF", batch(randomBatchRef("bad"), SKU + "\r\n" + FORGED, 10, null)),
                arguments("qty 0", batch(randomBatchRef("bad"), SKU, 0, null)),
                arguments("qty -1", batch(randomBatchRef("bad"), SKU, -1, null)),
                arguments("qty \"3\"", batch(randomBatchRef("bad"), SKU, "3", null)),
                arguments("qty 3.5", batch(randomBatchRef("bad"), SKU, 3.5, null)),
                arguments("qty true", batch(randomBatchRef("bad"), SKU, true, null)),
                arguments("qty beyond any integer", "{\"ref\": \"" + randomBatchRef("bad") + "\", \"sku\": \"" + SKU
                        + "\", \"qty\": 99999999999999999999, \"eta\": null}"),
                arguments("eta not a date", batch(randomBatchRef("bad"), SKU, 10, "tomorrow")),
                arguments("eta 30 February", batch(randomBatchRef("bad"), SKU, 10, "2011-02-30")),
                arguments("eta not YYYY-MM-DD", batch(randomBatchRef("bad"), SKU, 10, "02/01/2011")),
                arguments("eta a number", batch(randomBatchRef("bad"), SKU, 10, 20110101)));
    }

    static Stream<Arguments> badAllocations() {
        return Stream.of(
                arguments("malformed JSON", "{\"orderid\": \"" + randomOrderId("bad") + "\", "),
                arguments("not JSON at all", "allocate 3 please"),
                arguments("an empty body", ""),
                arguments("a JSON array", "[" + allocation(randomOrderId("bad"), SKU, 1) + "]"),
                arguments("orderid missing", Json.object("sku", SKU, "qty", 1)),
                arguments("sku missing", Json.object("orderid", randomOrderId("bad"), "qty", 1)),
                arguments("qty missing", Json.object("orderid", randomOrderId("bad"), "sku", SKU)),
                arguments("orderid null", allocation(null, SKU, 1)),
                arguments("sku null", allocation(randomOrderId("bad"), null, 1)),
                arguments("qty null", allocation(randomOrderId("bad"), SKU, null)),
                arguments("orderid a number", allocation(1234, SKU, 1)),
                arguments("sku blank", allocation(randomOrderId("bad"), " ", 1)),
                arguments("orderid 256 characters", allocation("o".repeat(256), SKU, 1)),
                arguments("orderid holding a NUL", allocation(randomOrderId("bad") + "\u0000", SKU, 1)),
                arguments("sku holding a NUL", allocation(randomOrderId("bad"), SKU + "\u0000", 1)),
                arguments("orderid holding a CR/LF", allocation(randomOrderId("bad") + "\r\n" + FORGED, SKU, 1)),
                arguments("orderid holding DEL", allocation(randomOrderId("bad") + "\u007f", SKU, 1)),
                arguments("orderid holding an unpaired surrogate",
                        "{\"orderid\": \"" + randomOrderId("bad") + "\\ud800\", \"sku\": \"" + SKU + "\", \"qty\": 1}"),
                arguments("qty 0", allocation(randomOrderId("bad"), SKU, 0)),
                arguments("qty -1", allocation(randomOrderId("bad"), SKU, -1)),
                arguments("qty \"3\"", allocation(randomOrderId("bad"), SKU, "3")),
                arguments("qty 3.5", allocation(randomOrderId("bad"), SKU, 3.5)),
                arguments("qty an array", allocation(randomOrderId("bad"), SKU, new int[] {3})));
    }

    static Stream<Arguments> wrongMethods() {
        return Stream.of(
                arguments("GET", "/allocate"),
                arguments("PUT", "/allocate"),
                arguments("GET", "/add_batch"),
                arguments("DELETE", "/add_batch"),
                arguments("POST", "/allocations/" + randomOrderId("any")),
                arguments("DELETE", "/allocations/" + randomOrderId("any")),
                arguments("POST", "/health"));
    }

    static Stream<Arguments> unknownPaths() {
        return Stream.of(
                arguments("GET", "/"),
                arguments("GET", "/nothing-here"),
                arguments("POST", "/add-batch"),
                arguments("POST", "/allocate/" + randomOrderId("any")),
                arguments("GET", "/allocations/" + randomOrderId("any") + "/more"));
    }

    @ParameterizedTest(name = "POST /add_batch with {0}")
    @MethodSource("badBatches")
    void aBadBatchIsRejectedWith400AndAMessage(String whatIsWrong, String body) {
        assertRejected(api.post("/add_batch", body), 400);
    }

    @ParameterizedTest(name = "POST /allocate with {0}")
    @MethodSource("badAllocations")
    void aBadAllocationIsRejectedWith400AndAMessage(String whatIsWrong, String body) {
        assertRejected(api.post("/allocate", body), 400);
    }

    /** Bytes no JSON reader may take as they are, and the start of the message (see BadRedisMessagesIT). */
    static Stream<Arguments> badBytes() {
        String orderid = allocation(randomOrderId("bad") + "#", SKU, 1);
        String sku = allocation(randomOrderId("bad"), SKU + "#", 1);
        return Stream.of(
                arguments("/allocate", "orderid not UTF-8", Json.withBytes(orderid, (byte) 0xFF),
                        "orderid is not valid UTF-8: byte 0xFF"),
                arguments("/allocate", "orderid holding an overlong NUL",
                        Json.withBytes(orderid, (byte) 0xC0, (byte) 0x80), "orderid is not valid UTF-8: byte 0xC0"),
                arguments("/allocate", "orderid holding a raw NUL", Json.withBytes(orderid, (byte) 0),
                        "Malformed JSON"),
                arguments("/allocate", "sku holding a raw CR/LF", Json.withBytes(sku, (byte) '\r', (byte) '\n'),
                        "Malformed JSON"),
                arguments("/add_batch", "ref not UTF-8", Json.withBytes(batch(randomBatchRef("bad") + "#", SKU, 10,
                        null), (byte) 0xC3), "ref is not valid UTF-8: byte 0xC3"),
                arguments("/add_batch", "sku holding a raw NUL", Json.withBytes(batch(randomBatchRef("bad"), SKU + "#",
                        10, null), (byte) 0), "Malformed JSON"));
    }

    @ParameterizedTest(name = "POST {0} with {1}")
    @MethodSource("badBytes")
    void bytesNoJsonReaderMayTakeAreRejectedWith400(String path, String whatIsWrong, byte[] body, String message) {
        Response response = api.post(path, body);

        assertRejected(response, 400);
        assertThat(response.json().path("message").asText()).startsWith(message);
    }

    @Test
    void anOrderIdWithANulInThePathIsRejectedWith400NamingIt() {
        Response response = api.send("GET", "/allocations/" + randomOrderId("bad") + "%00", null);

        assertRejected(response, 400);
        assertThat(response.json().path("message").asText()).startsWith("orderid must not contain control characters");
    }

    @Test
    void anIdentifierCannotForgeALineInTheHttpLog() {
        Response response = api.post("/allocate", allocation(randomOrderId("forger") + "\r\n" + FORGED + "\u0000",
                SKU, 1));

        assertRejected(response, 400);
        // Read as UTF-8: a byte that is not would fail here.
        List<String> log = system.http().logLines();
        assertThat(log).noneMatch(line -> line.startsWith("2026-01-01T00:00:00.000Z"));
        assertThat(String.join("\n", log).chars().filter(c -> c < 0x20 && c != '\n' && c != '\t')).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongMethods")
    void aWrongMethodGets405AndAMessage(String method, String path) {
        assertRejected(api.send(method, path, "POST".equals(method) ? "{}" : null), 405);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownPaths")
    void anUnknownPathGets404AndAMessage(String method, String path) {
        assertRejected(api.send(method, path, "POST".equals(method) ? "{}" : null), 404);
    }

    @Test
    void aBodyOver64KiBIsRejectedEvenWhenItIsOtherwiseValid() {
        String padding = " ".repeat(SIXTY_FOUR_KIB + 1);

        Response allocation = api.post("/allocate", allocation(randomOrderId("big"), SKU, 1) + padding);
        Response batch = api.post("/add_batch", batch(randomBatchRef("big"), SKU, 10, null) + padding);

        assertClientError(allocation);
        assertClientError(batch);
    }

    private static void assertRejected(Response response, int status) {
        assertThat(response.status()).as("status of a response with body %s", response.body()).isEqualTo(status);
        assertHasJsonMessage(response);
    }

    private static void assertClientError(Response response) {
        assertThat(response.status()).as("status of a response with body %s", response.body()).isBetween(400, 499);
        assertHasJsonMessage(response);
    }

    private static void assertHasJsonMessage(Response response) {
        assertThat(response.contentType()).as("Content-Type").startsWith("application/json");
        JsonNode json = response.json();
        assertThat(json.path("message").isTextual()).as("a textual message in %s", response.body()).isTrue();
        assertThat(json.path("message").asText()).isNotBlank();
        assertThat(response.body()).as("no stack trace").doesNotContain("Exception", "\tat ", "\nat ");
    }

    private static String batch(Object ref, Object sku, Object qty, Object eta) {
        return Json.object("ref", ref, "sku", sku, "qty", qty, "eta", eta);
    }

    private static String allocation(Object orderid, Object sku, Object qty) {
        return Json.object("orderid", orderid, "sku", sku, "qty", qty);
    }
}
