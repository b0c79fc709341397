package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.allocation.e2e.SecuredHttpProcess.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC's token rule, through a process started with {@code ALLOCATION_API_TOKEN}: without the token or with a
 * wrong one, 401 with a JSON message; with it, the API as usual; {@code /health} and {@code /metrics} open to
 * probes and scrapers. Also what an operator reads afterwards: the metrics and the correlation id in the log.
 */
class BearerTokenIT {

    private static final String TOKEN = "e2e-" + Refs.randomSuffix();
    private static final Map<String, String> AUTHORIZED = Map.of("Authorization", "Bearer " + TOKEN);

    private static SecuredHttpProcess api;

    @BeforeAll
    static void start() {
        api = SecuredHttpProcess.start(TOKEN);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void refusesRequestsWithoutTheTokenWithAJsonMessage() {
        Answer addBatch = api.send("POST", "/add_batch", batch(randomBatchRef("no-token"), randomSku("no-token")), Map.of());
        Answer allocations = api.send("GET", "/allocations/" + randomOrderId("no-token"), null, Map.of());
        Answer document = api.send("GET", "/openapi.json", null, Map.of());

        for (Answer answer : new Answer[] {addBatch, allocations, document}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(answer.message()).contains("bearer token");
            assertThat(answer.header("WWW-Authenticate")).contains("Bearer");
        }
    }

    @Test
    void refusesAWrongTokenAndTheRightOneUnderAnotherScheme() {
        Answer wrong = api.send("GET", "/allocations/order-1", null, Map.of("Authorization", "Bearer " + TOKEN + "x"));
        Answer basic = api.send("GET", "/allocations/order-1", null, Map.of("Authorization", "Basic " + TOKEN));

        assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        assertThat(wrong.message()).isNotBlank();
        assertThat(basic.status()).as(basic.body()).isEqualTo(401);
    }

    @Test
    void servesTheApiWithTheToken() {
        String sku = randomSku("token");
        String batch = randomBatchRef("token");
        String orderid = randomOrderId("token");

        Answer added = api.send("POST", "/add_batch", batch(batch, sku), AUTHORIZED);
        Answer allocated = api.send("POST", "/allocate", Json.object("orderid", orderid, "sku", sku, "qty", 2), AUTHORIZED);
        Answer allocations = api.send("GET", "/allocations/" + orderid, null, AUTHORIZED);
        Answer document = api.send("GET", "/openapi.json", null, AUTHORIZED);

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        assertThat(Json.parse(allocated.body()).path("batchref").asText()).isEqualTo(batch);
        assertThat(allocations.status()).as(allocations.body()).isEqualTo(200);
        assertThat(document.status()).isEqualTo(200);
        assertThat(Json.parse(document.body()).path("openapi").asText()).startsWith("3.");
    }

    @Test
    void leavesHealthAndMetricsOpen() {
        Answer health = api.send("GET", "/health", null, Map.of());
        Answer metrics = api.send("GET", "/metrics", null, Map.of());

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void countsRefusedRequestsByRouteAndMeasuresThePoolAndTheJvm() {
        api.send("POST", "/allocate", Json.object("orderid", "o", "sku", "s", "qty", 1), Map.of());

        String metrics = api.send("GET", "/metrics", null, Map.of()).body();

        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"401\",uri=\"/allocate\"} [1-9]");
        assertThat(metrics).contains("hikaricp_connections_active{pool=\"allocation-db\"}", "jvm_memory_used_bytes");
    }

    @Test
    void echoesTheRequestIdAndLogsTheRequestsLinesWithIt() {
        String sku = randomSku("traced");
        api.send("POST", "/add_batch", batch(randomBatchRef("traced"), sku), AUTHORIZED);
        String requestId = "e2e-trace-" + Refs.randomSuffix();
        Map<String, String> traced = Map.of("Authorization", "Bearer " + TOKEN, "X-Request-Id", requestId);

        Answer outOfStock = api.send("POST", "/allocate", Json.object("orderid", randomOrderId("traced"), "sku", sku,
                "qty", 1000), traced);

        assertThat(outOfStock.status()).as(outOfStock.body()).isEqualTo(409);
        assertThat(outOfStock.header("X-Request-Id")).contains(requestId);
        await("the out-of-stock notification carries " + requestId).untilAsserted(() ->
                assertThat(api.process().logLines())
                        .anyMatch(line -> line.contains("[" + requestId + "]") && line.contains("Out of stock for " + sku)));
    }

    private static String batch(String ref, String sku) {
        return Json.object("ref", ref, "sku", sku, "qty", 10, "eta", null);
    }
}
