package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.junit.jupiter.api.Test;

class HealthTest {

    private final InMemoryAllocation allocation = InMemoryAllocation.start();

    private RunningApi apiWith(HealthProbe probe) {
        return RunningApi.over(allocation.bus(), allocation.views(), probe, Optional.empty());
    }

    @Test
    void isUpWhenEveryCheckAnswers() {
        try (var api = apiWith(() -> Map.of("postgresql", true, "redis", true))) {

            var answer = api.get("/health");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("status").asText()).isEqualTo("UP");
            assertThat(answer.json().get("checks").get("postgresql").asText()).isEqualTo("UP");
            assertThat(answer.json().get("checks").get("redis").asText()).isEqualTo("UP");
        }
    }

    @Test
    void namesTheServerEachCheckReachedAndWhetherItIsThePrimary() {
        HealthProbe afterAFailover = new HealthProbe() {
            @Override
            public Map<String, Boolean> check() {
                return Map.of("postgres", true, "redis", false);
            }

            @Override
            public Map<String, ReachedServer> servers() {
                return Map.of("postgres", new ReachedServer("10.0.0.12:5433", "primary", true),
                        "redis", new ReachedServer("10.0.0.20:6379", "slave", false));
            }
        };
        try (var api = apiWith(afterAFailover)) {

            var answer = api.get("/health");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().at("/servers/postgres/address").asText()).isEqualTo("10.0.0.12:5433");
            assertThat(answer.json().at("/servers/postgres/primary").asBoolean()).isTrue();
            assertThat(answer.json().at("/servers/redis/role").asText()).isEqualTo("slave");
            assertThat(answer.json().at("/servers/redis/primary").asBoolean()).isFalse();
        }
    }

    @Test
    void isDownNamingTheCheckThatFailed() {
        try (var api = apiWith(() -> Map.of("postgresql", false, "redis", true))) {

            var answer = api.get("/health");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(answer.message()).isEqualTo("Unavailable: postgresql");
            assertThat(answer.json().get("checks").get("postgresql").asText()).isEqualTo("DOWN");
        }
    }

    @Test
    void isDownWhenTheProbeItselfFails() {
        try (var api = apiWith(() -> {
            throw new IllegalStateException("pool closed");
        })) {

            var answer = api.get("/health");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(answer.message()).isEqualTo("Health check failed: pool closed");
        }
    }
}
