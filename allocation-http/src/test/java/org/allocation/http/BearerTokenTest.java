package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private static final String TOKEN = "s3cret-token";

    private final InMemoryAllocation allocation = InMemoryAllocation.start();
    private final RunningApi api = RunningApi.over(allocation.bus(), allocation.views(), RunningApi.ALL_UP,
            Optional.of(TOKEN));

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void refusesARequestWithoutToken() {
        var answer = api.post("/add_batch", Bodies.batch("batch-1", "LAMP", 10, null));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("Bearer");
        assertThat(answer.message()).contains("bearer token");
    }

    @Test
    void refusesARequestWithAWrongToken() {
        var answer = api.send(api.request("/allocations/order-1").header("Authorization", "Bearer s3cret-tokeN").GET());

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void refusesTheRightTokenUnderAnotherScheme() {
        var answer = api.send(api.request("/allocations/order-1").header("Authorization", "Basic " + TOKEN).GET());

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void refusesUnknownPathsWithoutTokenBeforeSayingTheyAreUnknown() {
        var answer = api.get("/admin");

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void servesARequestWithTheToken() {
        var request = api.request("/add_batch")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Bodies.batch("batch-1", "LAMP", 10, null)));

        var answer = api.send(request);

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void leavesHealthAndMetricsOpen() {
        var health = api.get("/health");
        var metrics = api.get("/metrics");

        assertThat(health.status()).isEqualTo(200);
        assertThat(metrics.status()).isEqualTo(200);
    }
}
