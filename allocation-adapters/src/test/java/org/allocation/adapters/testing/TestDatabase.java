package org.allocation.adapters.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A fresh, empty PostgreSQL database for one test class (or one test run), dropped again by {@link #close()},
 * so that tests and parallel runs never see each other's rows.
 *
 * <p>The server comes from {@code ALLOCATION_TEST_DB_URL} (an admin connection; default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code ALLOCATION_TEST_DB_USER} (default
 * {@code postgres}) and {@code ALLOCATION_TEST_DB_PASSWORD}. When nothing listens there and Docker is
 * available, a {@code postgres:15} container is started instead, once per JVM.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.create()) {
 *     Map<String, String> env = db.environment(); // ALLOCATION_DB_URL, _USER, _PASSWORD
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

    private static Server server;

    private final Server on;
    private final String name;
    private boolean dropped;

    private TestDatabase(Server on, String name) {
        this.on = on;
        this.name = name;
    }

    /** Creates a database named {@code allocation_it_<random>} on the test server. */
    public static TestDatabase create() {
        Server admin = server();
        String name = "allocation_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        admin.execute("CREATE DATABASE " + name);
        TestDatabase database = new TestDatabase(admin, name);
        // A run that dies before its clean-up still leaves no database behind.
        Runtime.getRuntime().addShutdownHook(new Thread(database::dropQuietly, "drop-" + name));
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return on.urlOf(name);
    }

    public String user() {
        return on.user();
    }

    public String password() {
        return on.password();
    }

    /** The environment variables that point the processes at this database. */
    public Map<String, String> environment() {
        return Map.of("ALLOCATION_DB_URL", jdbcUrl(), "ALLOCATION_DB_USER", user(),
                "ALLOCATION_DB_PASSWORD", password());
    }

    /** A plain JDBC connection to this database, for arranging rows and checking them. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /** Drops the database, closing whatever connections are still open on it. */
    @Override
    public synchronized void close() {
        if (!dropped) {
            dropped = true;
            on.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private void dropQuietly() {
        try {
            close();
        } catch (RuntimeException alreadyGone) {
            // The server may be gone as well; nothing more to do at exit.
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = Server.locate();
        }
        return server;
    }

    /** An admin connection to a PostgreSQL server: the configured one, or a container. */
    private record Server(String adminUrl, String user, String password) {

        static Server locate() {
            String url = TestServers.env("ALLOCATION_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
            String user = TestServers.env("ALLOCATION_TEST_DB_USER", "postgres");
            String password = TestServers.env("ALLOCATION_TEST_DB_PASSWORD", "");
            URI address = URI.create(url.substring("jdbc:".length()));
            int port = address.getPort() == -1 ? 5432 : address.getPort();
            if (TestServers.reachable(address.getHost(), port)) {
                return new Server(url, user, password);
            }
            if (TestServers.dockerAvailable()) {
                return container();
            }
            throw new IllegalStateException("No PostgreSQL for the integration tests: nothing listens at "
                    + address.getHost() + ":" + port + " (set ALLOCATION_TEST_DB_URL, ALLOCATION_TEST_DB_USER and "
                    + "ALLOCATION_TEST_DB_PASSWORD to point at a server) and Docker is not available for Testcontainers");
        }

        @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
        private static Server container() {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15");
            container.start();
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }

        /** The URL of another database on the same server, keeping the admin URL's parameters. */
        String urlOf(String database) {
            int query = adminUrl.indexOf('?');
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String parameters = query < 0 ? "" : adminUrl.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException failure) {
                throw new IllegalStateException("Test database setup failed: " + sql, failure);
            }
        }
    }
}
