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
                Arguments.of("", "Request body is empty"),
                Arguments.of("   ", "Request body is empty"),
                Arguments.of("{", "Malformed JSON"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1,}", "Malformed JSON"),
                Arguments.of("{'orderid': 'o1'}", "Malformed JSON"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1} {}", "Malformed JSON"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1, \"qty\": 2}", "Duplicate field 'qty'"),
                Arguments.of("[".repeat(5000), "Malformed JSON"),
                Arguments.of("{\"orderid\": " + "[".repeat(5000), "Malformed JSON"),
                Arguments.of("null", "must be a JSON object with fields orderid, sku, qty, was null"),
                Arguments.of("[]", "must be a JSON object with fields orderid, sku, qty, was an array"),
                Arguments.of("\"allocate\"", "must be a JSON object with fields orderid, sku, qty, was a string"),
                Arguments.of("42", "must be a JSON object with fields orderid, sku, qty, was 42"),
                Arguments.of("{}", "orderid is required"),
                Arguments.of("{\"sku\": \"LAMP\", \"qty\": 1}", "orderid is required"),
                Arguments.of("{\"orderid\": \"o1\", \"qty\": 1}", "sku is required"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\"}", "qty is required"),
                Arguments.of("{\"orderid\": null, \"sku\": \"LAMP\", \"qty\": 1}", "orderid must not be null"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": null, \"qty\": 1}", "sku must not be null"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": null}", "qty must not be null"),
                Arguments.of("{\"orderid\": 7, \"sku\": \"LAMP\", \"qty\": 1}", "orderid must be a string, was 7"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": [\"LAMP\"], \"qty\": 1}", "sku must be a string, was an array"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": \"3\"}", "qty must be a whole number, was a string"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 3.5}", "qty must be a whole number, was 3.5"),
                Arguments.of("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 3.0}", "qty must be a whole number, was 3.0"),
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
                Arguments.of("{\"orderid\": \"o1\", \"SKU\": \"LAMP\", \"qty\": 1}", "Unknown field 'SKU'"));
    }

    static Stream<Arguments> badBatches() {
        return Stream.of(
                Arguments.of("{\"sku\": \"LAMP\", \"qty\": 1, \"eta\": null}", "ref is required"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1}", "eta is required: a date YYYY-MM-DD, or null"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": \"10\", \"eta\": null}", "qty must be a whole number, was a string"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 0, \"eta\": null}", "qty must be at least 1, was 0"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"2024-13-01\"}", "eta must be a date YYYY-MM-DD or null, was '2024-13-01'"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"2023-02-29\"}", "eta must be a date YYYY-MM-DD or null, was '2023-02-29'"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"31/01/2024\"}", "eta must be a date YYYY-MM-DD or null, was '31/01/2024'"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"2024-1-5\"}", "eta must be a date YYYY-MM-DD or null"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"2024-01-05T10:00:00\"}", "eta must be a date YYYY-MM-DD or null"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": \"\"}", "eta must be a date YYYY-MM-DD or null, was ''"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": 20240105}", "eta must be a date YYYY-MM-DD or null, was 20240105"),
                Arguments.of("{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": null, \"purchased\": 3}", "Unknown field 'purchased'; expected ref, sku, qty, eta"),
                Arguments.of("[{\"ref\": \"b\", \"sku\": \"LAMP\", \"qty\": 1, \"eta\": null}]", "must be a JSON object with fields ref, sku, qty, eta"));
    }

    @Test
    void refusesABodyThatIsNotUtf8() {
        byte[] latin1 = "{\"orderid\": \"caf\u00e9\", \"sku\": \"LAMP\", \"qty\": 1}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var request = api.request("/allocate").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1));

        var answer = api.send(request);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).startsWith("Malformed JSON");
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
