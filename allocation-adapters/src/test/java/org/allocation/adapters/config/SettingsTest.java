package org.allocation.adapters.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void hasADefaultForEverything() {
        Settings settings = Settings.from(Map.of());

        assertThat(settings.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/allocation");
        assertThat(settings.redisUri().toString()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(settings.dbPoolSize()).isEqualTo(18);
        assertThat(settings.smtp()).isEmpty();
    }

    @Test
    void readsThePersistenceAndThePublishWaitAndTheConsumerWaitsForNothing() {
        Settings settings = Settings.from(Map.of("ALLOCATION_PERSISTENCE", "Hibernate",
                "ALLOCATION_PUBLISH_WAIT_MS", "250"));

        assertThat(settings.persistence()).isEqualTo(Persistence.HIBERNATE);
        assertThat(settings.delivery().publishWait()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(settings.withoutPublishWait().delivery().publishWait()).isZero();
        assertThat(settings.withoutPublishWait().delivery().outboxSweep()).isEqualTo(settings.delivery().outboxSweep());
        assertThat(Settings.from(Map.of()).persistence()).isEqualTo(Persistence.SQL);
    }

    @Test
    void refusesAnUnknownPersistenceNamingTheVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("ALLOCATION_PERSISTENCE", "jpa")))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_PERSISTENCE")
                .hasMessageContaining("sql or hibernate");
    }

    @Test
    void refusesADatabaseUrlThatIsNotPostgresNamingTheVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("ALLOCATION_DB_URL", "jdbc:mysql://db/allocation")))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_DB_URL");
    }

    @Test
    void refusesARedisUrlOfAnotherSchemeNamingTheVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("ALLOCATION_REDIS_URL", "http://redis:6379")))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_REDIS_URL");
    }

    @Test
    void refusesAPortThatIsNotANumberNamingTheVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("ALLOCATION_HTTP_PORT", "eighty")))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_HTTP_PORT");
    }

    @Test
    void refusesAPoolSizeOutOfRangeNamingTheVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("ALLOCATION_DB_POOL_SIZE", "0")))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_DB_POOL_SIZE");
    }

    @Test
    void leavesTwoOfThePoolsConnectionsToTheRelayAndTheRecoveryWhenSizingTheConsumersWorkers() {
        assertThat(Settings.from(Map.of()).delivery().consumerWorkers()).isEqualTo(16);
        assertThat(Settings.from(Map.of("ALLOCATION_DB_POOL_SIZE", "20")).delivery().consumerWorkers()).isEqualTo(18);
        assertThat(Settings.from(Map.of("ALLOCATION_DB_POOL_SIZE", "2")).delivery().consumerWorkers()).isEqualTo(1);
        assertThat(Settings.from(Map.of("ALLOCATION_CONSUMER_WORKERS", "3")).delivery().consumerWorkers()).isEqualTo(3);
    }

    @Test
    void aStandbyConsumerTriesForTheLeaseEverySecondAndASilentHoldersLeaseLastsTenSeconds() {
        Settings.Delivery delivery = Settings.from(Map.of()).delivery();

        assertThat(delivery.leaseCheck()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(delivery.leaseTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void refusesALeaseTimeoutShorterThanThreeChecksNamingBothVariables() {
        assertThatThrownBy(() -> Settings.from(Map.of("ALLOCATION_CONSUMER_LEASE_CHECK_MS", "1000",
                "ALLOCATION_CONSUMER_LEASE_TIMEOUT_MS", "2000")))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_CONSUMER_LEASE_TIMEOUT_MS")
                .hasMessageContaining("ALLOCATION_CONSUMER_LEASE_CHECK_MS");
    }

    @Test
    void acceptsARedisUrlWithPasswordAndDatabase() {
        Settings settings = Settings.from(Map.of("ALLOCATION_REDIS_URL", "redis://:hunter2@cache:6380/3"));

        assertThat(settings.redisUri().getPort()).isEqualTo(6380);
    }

    @Test
    void acceptsASentinelUrlWithSeveralSentinelsAndTheMastersName() {
        Settings settings = Settings.from(Map.of("ALLOCATION_REDIS_URL",
                "redis-sentinel://:hunter2@sentinel-a:26379,sentinel-b:26380/0#mymaster"));

        assertThat(settings.redisUri().getFragment()).isEqualTo("mymaster");
        assertThat(settings.toString()).contains("sentinel-a:26379,sentinel-b:26380").doesNotContain("hunter2");
    }

    @Test
    void refusesASentinelUrlWithoutTheMastersNameNamingTheVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("ALLOCATION_REDIS_URL", "redis-sentinel://sentinel:26379/0")))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_REDIS_URL")
                .hasMessageContaining("#<master name>");
    }

    @Test
    void refusesASentinelUrlWithoutAnySentinel() {
        assertThatThrownBy(() -> Settings.from(Map.of("ALLOCATION_REDIS_URL", "redis-sentinel:///0#mymaster")))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_REDIS_URL");
    }

    @Test
    void neverShowsAPassword() {
        Settings settings = Settings.from(Map.of(
                "ALLOCATION_DB_PASSWORD", "dbsecret",
                "ALLOCATION_DB_URL", "jdbc:postgresql://db/allocation?password=urlsecret",
                "ALLOCATION_REDIS_URL", "rediss://:redissecret@cache:6380/1",
                "ALLOCATION_API_TOKEN", "tokensecret",
                "ALLOCATION_SMTP_HOST", "mail",
                "ALLOCATION_SMTP_PASSWORD", "smtpsecret"));

        assertThat(settings.toString())
                .doesNotContain("dbsecret", "urlsecret", "redissecret", "tokensecret", "smtpsecret");
    }

    @Test
    void readsTheSmtpServerWhenAHostIsSet() {
        Settings settings = Settings.from(Map.of("ALLOCATION_SMTP_HOST", "mail", "ALLOCATION_SMTP_PORT", "2525"));

        assertThat(settings.smtp()).hasValueSatisfying(smtp -> {
            assertThat(smtp.host()).isEqualTo("mail");
            assertThat(smtp.port()).isEqualTo(2525);
        });
    }
}
