package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad body gets a 400 that says what is wrong, never a 5xx and never a stack trace. */
class BadInputTest {

    private static final String LONG_SKU = "S".repeat(256);

    private final RunningApi api = RunningApi.inMemory();

    @BeforeEach
    void stock() {
        api.post("/add_batch", Bodies.batch("batch-1", "LAMP", 100, null));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static Stream<Arguments> badAllocations() {
        return Stream.of(
                Arguments.of("", "Empty document; expected a JSON object with fields orderid, sku, qty"),
                Arguments.of("   ", "Empty document"),
                Arguments.of("{", "Malformed JSON"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1,}", "Malformed JSON"),
                Arguments.of("{'orderid': 'o1'}", "Malformed JSON"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1} {}", "Malformed JSON"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1, \"qty\": 2}", "Duplicate field 'qty'"),
                Arguments.of("[".repeat(5000), "Malformed JSON"),
                Arguments.of("{\"orderid\": " + "[".repeat(5000), "Malformed JSON"),
                Arguments.of("null", "Expected a JSON object with fields orderid, sku, qty, was null"),
                Arguments.of("[]", "Expected a JSON object with fields orderid, sku, qty, was an array"),
                Arguments.of("\"allocate\"", "Expected a JSON object with fields orderid, sku, qty, was the string \"allocate\""),
                Arguments.of("42", "Expected a JSON object with fields orderid, sku, qty, was the number 42"),
                Arguments.of("{}", "orderid is required"),
                Arguments.of("{\"sku\": \"LAMP\", \"qty\": 1}", "orderid is required"),
                Arguments.of("{\"orderid\": \"o1\", \"qty\": 1}", "sku is required"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\"}", "qty is required"),
                Arguments.of("{\"orderid\": null, \"sku\": \"LAMP\", \"qty\": 1}", "orderid must not be null"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": null, \"qty\": 1}", "sku must not be null"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": null}", "qty must not be null"),
                Arguments.of("{\"orderid\": 7, \"sku\": \"LAMP\", \"qty\": 1}", "orderid must be a string, was the number 7"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": [\"LAMP\"], \"qty\": 1}", "sku must be a string, was an array"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": \"3\"}", "qty must be a whole number, was the string \"3\""),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 3.5}", "qty must be a whole number, was the number 3.5"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 3.0}", "qty must be a whole number, was the number 3.0"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": true}", "qty must be a whole number, was true"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": {}}", "qty must be a whole number, was an object"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 0}", "qty must be at least 1, was 0"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": -5}", "qty must be at least 1, was -5"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 2147483648}", "qty is out of range, was 2147483648"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1" + "0".repeat(500) + "}", "qty is out of range"),
                Arguments.of("{\"orderid\": \"\", \"sku\": \"LAMP\", \"qty\": 1}", "orderid must not be blank"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"  \", \"qty\": 1}", "sku must not be blank"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"" + LONG_SKU + "\", \"qty\": 1}", "sku must be at most 255 characters, was 256"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1, \"colour\": \"red\"}", "Unknown field 'colour'; expected orderid, sku, qty"),
                Arguments.of("{\"orderid\": \"o1\", \"SKU\": \"LAMP\", \"qty\": 1}", "Unknown field 'SKU'"),
                Arguments.of("{\"orderid\": \"o\\u00001\", \"sku\": \"LAMP\", \"qty\": 1}", "orderid must not contain control characters, has U+0000 at character 2"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\\r\\nINFO forged\", \"qty\": 1}", "sku must not contain control characters, has U+000D at character 5"),
                Arguments.of("{\"orderid\": \"o1\\ud800\", \"sku\": \"LAMP\", \"qty\": 1}", "orderid must be valid UTF-8 text, has an unpaired surrogate U+D800 at character 3"));
    }

    static Stream<Arguments> badBatches() {
        return Stream.of(
                Arguments.of("{\"sku\": \"LAMP\", \"qty\": 1, \"eta\": null}", "ref is required"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1}", "eta is required: a date YYYY-MM-DD, or null"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": \"10\", \"eta\": null}", "qty must be a whole number, was the string \"10\""),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 0, \"eta\": null}", "qty must be at least 1, was 0"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"2024-13-01\"}", "eta must be a date YYYY-MM-DD or null, was the string \"2024-13-01\""),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"2023-02-29\"}", "eta must be a date YYYY-MM-DD or null, was the string \"2023-02-29\""),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"31/01/2024\"}", "eta must be a date YYYY-MM-DD or null, was the string \"31/01/2024\""),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"2024-1-5\"}", "eta must be a date YYYY-MM-DD or null"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"2024-01-05T10:00:00\"}", "eta must be a date YYYY-MM-DD or null"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"\"}", "eta must be a date YYYY-MM-DD or null, was the string \"\""),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": 20240105}", "eta must be a date YYYY-MM-DD or null, was the number 20240105"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": null, \"purchased\": 3}", "Unknown field 'purchased'; expected ref, sku, qty, eta"),
                Arguments.of("{\"ref\": \"b\\u0000\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": null}", "ref must not contain control characters, has U+0000 at character 2"),
                Arguments.of("[{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": null}]", "Expected a JSON object with fields ref, sku, qty, eta, was an array"));
    }

    @Test
    void refusesABodyThatIsNotUtf8() {
        byte[] latin1 = "{\"orderid\": \"caf\u00e9\", \"sku\": \"LAMP\", \"qty\": 1}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var request = api.request("/allocate").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1));

        var answer = api.send(request);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).isEqualTo("orderid is not valid UTF-8: byte 0xE9 at offset 16");
    }

    @Test
    void refusesARawNulInAnIdentifierAsAnyControlCharacter() {
        var answer = api.post("/allocate", "{\"orderid\": \"o\u0000\", \"sku\": \"LAMP\", \"qty\": 1}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).startsWith("Malformed JSON");
    }

    @Test
    void refusesAnOrderIdWithANulInThePath() {
        var answer = api.get("/allocations/o%001");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).isEqualTo("orderid must not contain control characters, has U+0000 at character 2");
    }

    @ParameterizedTest(name = "allocate #{index}: {1}")
    @MethodSource("badAllocations")
    void refusesABadAllocationSayingWhatIsWrong(String body, String expectedMessage) {
        var answer = api.post("/allocate", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.message()).contains(expectedMessage).doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest(name = "add_batch #{index}: {1}")
    @MethodSource("badBatches")
    void refusesABadBatchSayingWhatIsWrong(String body, String expectedMessage) {
        var answer = api.post("/add_batch", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.message()).contains(expectedMessage).doesNotContain("Exception", "\tat ");
    }
}
