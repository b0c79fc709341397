package org.allocation.adapters.persistence.migrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.allocation.adapters.persistence.PersistenceErrors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date from the versioned scripts in {@code db/migration}: the only place the schema
 * comes from.
 *
 * <p>Both processes run this at start-up, possibly at the same moment. Flyway's own lock does not cover a
 * database that has no history table yet (two processes starting on an empty database both ran V1, seen in
 * {@code MigrationsIT}), so the whole migration runs under a session-level PostgreSQL advisory lock of our
 * own: the second process waits, then finds every script applied and does nothing. The lock holds one
 * connection while Flyway uses two more: the data source must offer {@value #CONNECTIONS_NEEDED}.
 *
 * <p>Most starts find the schema up to date, and loading Flyway only to learn that costs about 400 classes and
 * half a second or more. So under the lock one query first compares Flyway's history with the bundled scripts
 * ({@link BundledMigrations}); only when they differ in any way does Flyway run, and validate, as before.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** The connections a migration holds at once: the lock's and Flyway's two. */
    public static final int CONNECTIONS_NEEDED = 3;

    /** An arbitrary key, the same in every process: "allocation migrations". */
    private static final long MIGRATION_LOCK_KEY = 0x616c6c6f636d6967L;

    /**
     * @return whether Flyway ran: false when the history already held every bundled script
     * @throws org.allocation.service.ports.StorageUnavailable when the database cannot be reached
     */
    public static boolean migrate(DataSource dataSource) {
        try (Connection lockHolder = dataSource.getConnection(); Statement lock = lockHolder.createStatement()) {
            lockHolder.setAutoCommit(true);
            lock.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK_KEY + ")");
            try {
                if (BundledMigrations.allAppliedIn(lockHolder)) {
                    log.info("Database schema up to date: all {} bundled migrations applied, Flyway not run",
                            BundledMigrations.SCRIPTS.size());
                    return false;
                }
                WithFlyway.migrate(dataSource);
                return true;
            } finally {
                lock.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK_KEY + ")");
            }
        } catch (SQLException failure) {
            throw PersistenceErrors.translate("Locking and checking the database schema for migration", failure);
        }
    }

    /**
     * Flyway, in a class of its own: verifying a class loads the exception types it catches, and the fast path
     * is to load no Flyway class at all.
     */
    private static final class WithFlyway {

        static void migrate(DataSource dataSource) {
            try {
                MigrateResult result = Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:" + BundledMigrations.LOCATION)
                        .failOnMissingLocations(true)
                        .load()
                        .migrate();
                log.info("Database schema at version {} ({} migrations applied now)",
                        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                        result.migrationsExecuted);
            } catch (FlywayException failure) {
                throw PersistenceErrors.translate("Migrating the database schema", failure);
            }
        }
    }
}
