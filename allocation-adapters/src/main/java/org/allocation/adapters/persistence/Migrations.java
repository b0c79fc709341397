package org.allocation.adapters.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date from the versioned scripts in {@code db/migration}: the only place the schema
 * comes from.
 *
 * <p>Both processes run this at start-up, possibly at the same moment. That is safe because Flyway, on
 * PostgreSQL, holds an advisory lock (derived from the history table's name) while it reads and writes its
 * history: the second process waits, then finds every script applied and does nothing.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** @throws org.allocation.service.ports.StorageUnavailable when the database cannot be reached */
    public static void migrate(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
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
