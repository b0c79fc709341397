package org.allocation.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.testing.RedisServerProcess;
import org.allocation.adapters.testing.RedisServerProcess.SelfSignedCertificate;
import org.allocation.adapters.testing.TestDatabase;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.CreateBatch;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials and TLS reach the servers through the settings alone, as the README says: the database user and
 * password, and the password (and {@code rediss://}) in the Redis URL. The connection pool reports to the
 * registry it is given.
 */
class SecuredServersIT {

    private static final String REDIS_PASSWORD = "redis-s3cret";

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void connectsAsADatabaseRoleWithAPasswordAndMeasuresItsPool() throws SQLException {
        // The local test server trusts every local connection, so it does not check this password: what is
        // tested is that the role and password settings reach the driver (a wrong role would fail), not the
        // server's password check.
        TestDatabase own = TestDatabase.create();
        String role = "allocation_pw_" + own.name().substring(own.name().length() - 8);
        admin(own, "CREATE ROLE " + role + " LOGIN PASSWORD 'p4ss word''s'");
        admin(own, "ALTER DATABASE " + own.name() + " OWNER TO " + role);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Map<String, String> environment = new HashMap<>(settingsEnvironment());
        environment.putAll(Map.of("ALLOCATION_DB_URL", own.jdbcUrl(), "ALLOCATION_DB_USER", role,
                "ALLOCATION_DB_PASSWORD", "p4ss word's"));
        try (AllocationSystem system = AllocationSystem.start(Settings.from(environment), meters)) {

            system.bus().handle(CreateBatch.inWarehouse("batch-1", "LAMP", 10));
            system.bus().handle(new Allocate("order-1", "LAMP", 1));

            assertThat(system.health()).containsEntry("postgres", true);
            assertThat(system.views().allocationsFor("order-1")).hasSize(1);
            assertThat(meters.find("hikaricp.connections").tag("pool", "allocation-db").gauge()).isNotNull();
            assertThat(meters.find("hikaricp.connections.usage").timer().count()).isPositive();
        } finally {
            own.close();
            admin(database, "DROP ROLE " + role);
        }
    }

    @Test
    void reachesARedisThatNeedsAPasswordOnlyWithThePasswordInTheUrl() {
        assumeTrue(RedisServerProcess.available(), "redis-server is not on the PATH");
        try (RedisServerProcess redis = RedisServerProcess.withPassword(REDIS_PASSWORD)) {

            boolean withPassword = redisHealth("redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port() + "/0");
            boolean withoutPassword = redisHealth("redis://127.0.0.1:" + redis.port() + "/0");
            boolean wrongPassword = redisHealth("redis://:wrong@127.0.0.1:" + redis.port() + "/0");

            assertThat(withPassword).isTrue();
            assertThat(withoutPassword).isFalse();
            assertThat(wrongPassword).isFalse();
        }
    }

    @Test
    void reachesARedisOverTlsWithRedissAndVerifiesItsCertificateByDefault(@TempDir Path directory) {
        assumeTrue(RedisServerProcess.available() && SelfSignedCertificate.canBeMade(),
                "redis-server or openssl is not on the PATH");
        SelfSignedCertificate certificate = SelfSignedCertificate.in(directory);
        try (RedisServerProcess redis = RedisServerProcess.withTls(certificate, REDIS_PASSWORD)) {
            String server = "127.0.0.1:" + redis.port() + "/0";

            boolean tlsWithoutVerifying = redisHealth("rediss://:" + REDIS_PASSWORD + "@" + server + "?verifyPeer=NONE");
            boolean tlsVerifyingASelfSignedCertificate = redisHealth("rediss://:" + REDIS_PASSWORD + "@" + server);
            boolean plainToATlsPort = redisHealth("redis://:" + REDIS_PASSWORD + "@" + server);

            assertThat(tlsWithoutVerifying).isTrue();
            assertThat(tlsVerifyingASelfSignedCertificate)
                    .as("the JVM's trust store does not know a self-signed certificate").isFalse();
            assertThat(plainToATlsPort).isFalse();
        }
    }

    /**
     * Whether Redis becomes healthy within a few seconds. One health call gives a probe about a second, and
     * the first connection (a TLS handshake, on a loaded machine) may take longer: the later calls join it.
     * So "false" means it stayed down for the whole window, not that it was slow once.
     */
    private static boolean redisHealth(String redisUrl) {
        try (AllocationSystem system = AllocationSystem.start(settings(Map.of("ALLOCATION_REDIS_URL", redisUrl)))) {
            await("Redis healthy").atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100))
                    .until(() -> system.health().get("redis"));
            return true;
        } catch (ConditionTimeoutException stayedDown) {
            return false;
        }
    }

    private static Settings settings(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(settingsEnvironment());
        environment.putAll(overrides);
        return Settings.from(environment);
    }

    private static Map<String, String> settingsEnvironment() {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.putAll(TestRedis.environment());
        environment.put("ALLOCATION_DB_POOL_SIZE", "2");
        return environment;
    }

    private static void admin(TestDatabase on, String sql) throws SQLException {
        try (Connection connection = on.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
