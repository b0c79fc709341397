package org.allocation.e2e;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A database of its own for one run of the suite, created through the server's admin database and dropped at
 * the end, so runs never see each other's stock and never need cleaning up between tests.
 */
final class TestDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;
    private boolean dropped;

    private TestDatabase(String adminUrl, String user, String password, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    static TestDatabase create(String adminUrl, String user, String password) {
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        TestDatabase database = new TestDatabase(adminUrl, user, password,
                "allocation_e2e_" + HexFormat.of().formatHex(suffix));
        database.execute("CREATE DATABASE " + database.name);
        return database;
    }

    String name() {
        return name;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The admin URL with this database in its path, keeping its host, port and parameters. */
    String jdbcUrl() {
        int parameters = adminUrl.indexOf('?');
        String base = parameters < 0 ? adminUrl : adminUrl.substring(0, parameters);
        String query = parameters < 0 ? "" : adminUrl.substring(parameters);
        int path = base.indexOf('/', "jdbc:postgresql://".length());
        String server = path < 0 ? base : base.substring(0, path);
        return server + "/" + name + query;
    }

    /** A connection to this database (not the admin one), for tests that arrange or read rows directly. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Drops the database, also when the processes still hold connections to it. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (!dropped) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + adminUrl + " as " + user
                    + " (set ALLOCATION_TEST_DB_URL, ALLOCATION_TEST_DB_USER, ALLOCATION_TEST_DB_PASSWORD): "
                    + e.getMessage(), e);
        }
    }
}
