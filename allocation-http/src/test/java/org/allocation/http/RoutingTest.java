package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the API answers around its endpoints: unknown paths, wrong methods, bodies too big or not JSON. */
class RoutingTest {

    private static final int MAX = 64 * 1024;

    private final RunningApi api = RunningApi.inMemory();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void answersNotFoundForAnUnknownPath() {
        var answer = api.get("/no/such/thing");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.message()).isEqualTo("No such path: /no/such/thing");
    }

    @Test
    void answersNotFoundForAnAllocationsPathWithoutOrder() {
        var answer = api.get("/allocations/");

        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void answersNotFoundForPathsThatOnlyStartLikeARoute() {
        var deeper = api.get("/allocations/order-1/more");
        var underAllocate = api.post("/allocate/order-1", "{}");
        var root = api.get("/");

        assertThat(deeper.status()).isEqualTo(404);
        assertThat(underAllocate.status()).isEqualTo(404);
        assertThat(root.status()).isEqualTo(404);
    }

    @Test
    void answersMethodNotAllowedWithTheAllowedMethod() {
        var answer = api.get("/allocate");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).contains("POST");
        assertThat(answer.message()).isEqualTo("GET is not allowed on /allocate; use POST");
    }

    @Test
    void refusesToPostToTheReadModel() {
        var answer = api.post("/allocations/order-1", "{}");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).contains("GET");
    }

    @Test
    void refusesABodyOverSixtyFourKibibytes() {
        String body = "{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1}" + " ".repeat(MAX);

        var answer = api.post("/allocate", body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.message()).isEqualTo("Request body is larger than 65536 bytes");
    }

    @Test
    void refusesAMebibyteBodyCleanly() {
        String body = "{\"orderid\": \"" + "o".repeat(RequestBodyReader.MAX_DRAINED_BYTES - 100) + "\"}";

        var answer = api.post("/allocate", body);

        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void refusesAChunkedBodyOverSixtyFourKibibytes() {
        byte[] body = ("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1}" + " ".repeat(MAX)).getBytes();
        var request = api.request("/allocate").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        var answer = api.send(request);

        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void takesABodyOfExactlySixtyFourKibibytes() {
        api.post("/add_batch", Bodies.batch("batch-1", "LAMP", 10, null));
        String json = Bodies.allocation("o1", "LAMP", 1);
        String body = json + " ".repeat(MAX - json.length());

        var answer = api.post("/allocate", body);

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void refusesABodyDeclaredAsSomethingOtherThanJson() {
        var request = api.request("/allocate").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("orderid=o1&sku=LAMP&qty=1"));

        var answer = api.send(request);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.message()).isEqualTo("Content-Type must be application/json, was application/x-www-form-urlencoded");
    }

    @Test
    void takesAJsonBodyWithoutContentTypeOrWithACharset() {
        api.post("/add_batch", Bodies.batch("batch-1", "LAMP", 10, null));
        var bare = api.request("/allocate").POST(HttpRequest.BodyPublishers.ofString(Bodies.allocation("o1", "LAMP", 1)));
        var withCharset = api.request("/allocate").header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(Bodies.allocation("o2", "LAMP", 1)));

        var bareAnswer = api.send(bare);
        var charsetAnswer = api.send(withCharset);

        assertThat(bareAnswer.status()).isEqualTo(201);
        assertThat(charsetAnswer.status()).isEqualTo(201);
    }
}
