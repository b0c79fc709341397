package org.allocation.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the suite finds the jars (system properties set by the pom) and the servers it runs them against
 * (environment variables, defaulting to PostgreSQL and Redis on their usual local ports). {@code persistence} is
 * the one shipped setting a whole run may change: the pom's second Failsafe execution sets it to {@code hibernate}
 * (system property {@code allocation.e2e.persistence}) so that the Hibernate adapter, otherwise proven only by the
 * contract tests, also runs behind both processes; empty keeps the shipped default ({@code sql}).
 */
record E2eSettings(Path httpJar, Path consumerJar, Path logDirectory, String dbAdminUrl, String dbUser,
                   String dbPassword, String redisUrl, Duration startupTimeout, Optional<String> persistence) {

    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** The logs of each run go to a directory of their own under the log directory, named by its start time. */
    static E2eSettings fromEnvironment() {
        return new E2eSettings(
                Path.of(property("allocation.e2e.http-jar", "../allocation-http/target/allocation-http.jar")),
                Path.of(property("allocation.e2e.consumer-jar",
                        "../allocation-redis-consumer/target/allocation-redis-consumer.jar")),
                Path.of(property("allocation.e2e.log-dir", "target/e2e-logs"))
                        .resolve("run-" + LocalDateTime.now().format(RUN_NAME)),
                env("ALLOCATION_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                env("ALLOCATION_TEST_DB_USER", "postgres"),
                env("ALLOCATION_TEST_DB_PASSWORD", ""),
                withADatabaseOfItsOwn(env("ALLOCATION_TEST_REDIS_URL", "redis://127.0.0.1:6379")),
                Duration.ofSeconds(Long.parseLong(property("allocation.e2e.startup-timeout-seconds", "90"))),
                Optional.of(property("allocation.e2e.persistence", "")).filter(value -> !value.isBlank()));
    }

    /** The same, with the processes' database made through another server (or servers): {@code adminUrl}. */
    E2eSettings withDatabaseServer(String adminUrl, String user, String password) {
        return new E2eSettings(httpJar, consumerJar, logDirectory, adminUrl, user, password, redisUrl,
                startupTimeout, persistence);
    }

    /** The same, with the processes and the suite talking to another Redis. */
    E2eSettings withRedis(String url) {
        return new E2eSettings(httpJar, consumerJar, logDirectory, dbAdminUrl, dbUser, dbPassword, url,
                startupTimeout, persistence);
    }

    /** The same, with the logs in a directory of their own under this run's, for a system of its own. */
    E2eSettings withLogsIn(String name) {
        return new E2eSettings(httpJar, consumerJar, logDirectory.resolve(name), dbAdminUrl, dbUser, dbPassword,
                redisUrl, startupTimeout, persistence);
    }

    /**
     * Streams such as {@code dead_letter} belong to a Redis database, pub/sub channels to the whole server. Unless
     * the URL names a database, the run takes one of 1 to 15 at random, so that the dead letters it reads are its
     * own consumer's and not those of another consumer of the same server (which receives the same messages).
     */
    private static String withADatabaseOfItsOwn(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        int authority = base.indexOf("//") + 2;
        int path = base.indexOf('/', authority);
        if (path >= 0 && path < base.length() - 1) {
            return url;
        }
        String server = path < 0 ? base : base.substring(0, path);
        return server + "/" + unusedDatabase(server + parameters) + parameters;
    }

    /**
     * A database (1 to 15, from a random one on) that holds none of the system's streams, so that the consumer
     * group and the streams this run reads are its own; a random one when all are in use or Redis is away.
     */
    private static int unusedDatabase(String server) {
        int first = ThreadLocalRandom.current().nextInt(1, 16);
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(server);
        try (var connection = client.connect()) {
            var commands = connection.sync();
            for (int i = 0; i < 15; i++) {
                int db = (first - 1 + i) % 15 + 1;
                commands.select(db);
                if (commands.exists("allocate", "change_batch_quantity", "line_allocated", "dead_letter") == 0) {
                    return db;
                }
            }
        } catch (RuntimeException redisAway) {
            // The run reports Redis missing when it connects; any database will do until then.
        } finally {
            client.shutdown();
        }
        return first;
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
