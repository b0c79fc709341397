package org.allocation.adapters.persistence.migrations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The migration scripts packed with this code, and whether a database's Flyway history already holds exactly
 * them. {@link Migrations} asks this with plain JDBC before it loads Flyway, which costs about 400 classes and
 * half a second or more of every start-up only to find that there is nothing to do.
 *
 * <p>The answer is yes only when nothing could make Flyway act or complain: every bundled script applied
 * successfully with the checksum it has now, and no other row (a failed one, one of a newer jar, a baseline).
 * Anything else goes through Flyway, whose validation then reports it.
 */
final class BundledMigrations {

    /** Flyway's location, on the class path. */
    static final String LOCATION = "db/migration";

    /**
     * The scripts in {@value #LOCATION}. Named here because the resources of a jar cannot be listed portably (a
     * directory in tests, entries of the shaded jar in production); BundledMigrationsTest fails when this list
     * and the directory differ.
     */
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__delivery.sql", "V3__message_metadata.sql",
            "V4__version_check.sql", "V5__partial_loads.sql");

    /** One versioned script as Flyway records it in {@code flyway_schema_history}. */
    record Script(String version, String name, int checksum) {
    }

    private BundledMigrations() {
    }

    /** @throws IllegalStateException when a listed script is not on the class path (a packaging bug) */
    static List<Script> all() {
        return SCRIPTS.stream().map(BundledMigrations::read).toList();
    }

    /** Whether the history table in the connection's current schema holds every bundled script and nothing else. */
    static boolean allAppliedIn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String table;
            // Flyway keeps its history in the current schema; the regclass's text is a quoted name, safe to use.
            try (ResultSet found = statement.executeQuery(
                    "SELECT to_regclass(format('%I.flyway_schema_history', current_schema()))::text")) {
                found.next();
                table = found.getString(1);
            }
            if (table == null) {
                return false;
            }
            Set<Script> applied = new HashSet<>();
            int rows = 0;
            try (ResultSet history = statement.executeQuery(
                    "SELECT version, script, checksum, type = 'SQL' AND success FROM " + table)) {
                while (history.next()) {
                    rows++;
                    int checksum = history.getInt(3);
                    boolean appliedVersionedScript = !history.wasNull() && history.getBoolean(4);
                    if (appliedVersionedScript) {
                        applied.add(new Script(history.getString(1), history.getString(2), checksum));
                    }
                }
            }
            List<Script> bundled = all();
            return rows == bundled.size() && applied.equals(Set.copyOf(bundled));
        }
    }

    /**
     * Flyway's checksum of a script (its {@code ChecksumCalculator}): a CRC-32 of the UTF-8 bytes of every line
     * without its line break, a byte order mark at the start left out. Flyway computes it after replacing
     * placeholders; our scripts have none, and a script that had would only differ here and so go through Flyway.
     */
    static int checksum(Reader script) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader lines = new BufferedReader(script);
        String line = lines.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        for (; line != null; line = lines.readLine()) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    private static Script read(String name) {
        String resource = LOCATION + "/" + name;
        try (InputStream in = BundledMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is listed in BundledMigrations but not on the class path");
            }
            return new Script(version(name), name, checksum(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException failure) {
            throw new UncheckedIOException("Reading " + resource, failure);
        }
    }

    /** {@code V1_2__name.sql} is version {@code 1.2}, as Flyway writes it. */
    static String version(String name) {
        return name.substring(1, name.indexOf("__")).replace('_', '.');
    }
}
