package org.allocation.adapters.persistence.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.allocation.adapters.persistence.ConnectionPool;
import org.allocation.adapters.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class MigrationsIT {

    @Test
    void twoProcessesMigratingAtOnceBothSucceedAndApplyEachScriptOnce() throws Exception {
        try (TestDatabase database = TestDatabase.create();
             HikariDataSource first = pool(database);
             HikariDataSource second = pool(database)) {
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService processes = Executors.newFixedThreadPool(2);

            List<Future<Boolean>> migrations = List.of(
                    processes.submit(() -> migrateAfter(together, first)),
                    processes.submit(() -> migrateAfter(together, second)));
            List<Boolean> flywayRan = new ArrayList<>();
            for (Future<Boolean> migration : migrations) {
                flywayRan.add(migration.get(60, TimeUnit.SECONDS));
            }
            processes.shutdown();
            // The second, waiting on the lock, finds everything applied.
            assertThat(flywayRan).containsExactlyInAnyOrder(true, false);

            try (var connection = database.connect();
                 var rows = connection.createStatement().executeQuery(
                         "SELECT version, count(*) FROM flyway_schema_history WHERE success GROUP BY version")) {
                while (rows.next()) {
                    assertThat(rows.getInt(2)).as("applications of version %s", rows.getString(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void migratingAnUpToDateDatabaseChangesNothing() throws Exception {
        try (TestDatabase database = TestDatabase.create(); HikariDataSource pool = pool(database)) {
            Migrations.migrate(pool);

            Migrations.migrate(pool);

            try (var connection = database.connect();
                 var rows = connection.createStatement().executeQuery("SELECT count(*) FROM products")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aFreshDatabaseIsMigratedByFlywayAndTheNextStartSkipsFlyway() throws Exception {
        try (TestDatabase database = TestDatabase.create(); HikariDataSource pool = pool(database)) {
            assertThat(Migrations.migrate(pool)).as("Flyway ran on the empty database").isTrue();

            assertThat(Migrations.migrate(pool)).as("Flyway ran on the migrated database").isFalse();

            // The checksums Flyway wrote are the ones the fast path computes.
            assertThat(history(database)).containsExactlyInAnyOrderElementsOf(BundledMigrations.all());
        }
    }

    @Test
    void aDatabaseMissingTheNewestScriptIsMigratedByFlyway() throws Exception {
        try (TestDatabase database = TestDatabase.create(); HikariDataSource pool = pool(database)) {
            String previous = BundledMigrations.all().get(BundledMigrations.SCRIPTS.size() - 2).version();
            Flyway.configure().dataSource(pool).locations("classpath:" + BundledMigrations.LOCATION)
                    .target(previous).load().migrate();

            assertThat(Migrations.migrate(pool)).isTrue();

            assertThat(history(database)).containsExactlyInAnyOrderElementsOf(BundledMigrations.all());
        }
    }

    @Test
    void aFailedMigrationInTheHistoryGoesThroughFlywayWhichRefusesIt() throws Exception {
        try (TestDatabase database = TestDatabase.create(); HikariDataSource pool = pool(database)) {
            Migrations.migrate(pool);
            execute(database, "UPDATE flyway_schema_history SET success = false WHERE installed_rank = "
                    + "(SELECT max(installed_rank) FROM flyway_schema_history)");

            assertThatThrownBy(() -> Migrations.migrate(pool)).hasMessageContaining("failed migration");
        }
    }

    @Test
    void aChangedScriptGoesThroughFlywayWhichRefusesIt() throws Exception {
        try (TestDatabase database = TestDatabase.create(); HikariDataSource pool = pool(database)) {
            Migrations.migrate(pool);
            execute(database, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

            assertThatThrownBy(() -> Migrations.migrate(pool)).hasMessageContaining("checksum mismatch");
        }
    }

    @Test
    void aDatabaseOfANewerJarGoesThroughFlyway() throws Exception {
        try (TestDatabase database = TestDatabase.create(); HikariDataSource pool = pool(database)) {
            Migrations.migrate(pool);
            execute(database, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
                    + "script, checksum, installed_by, execution_time, success) "
                    + "VALUES (1000, '1000', 'from the future', 'SQL', 'V1000__from_the_future.sql', 0, 'test', 0, true)");

            // Flyway's validation decides what a newer database means (by default: a warning, and start).
            assertThat(Migrations.migrate(pool)).isTrue();
        }
    }

    private static List<BundledMigrations.Script> history(TestDatabase database) throws Exception {
        try (var connection = database.connect();
             var rows = connection.createStatement().executeQuery(
                     "SELECT version, script, checksum FROM flyway_schema_history WHERE success")) {
            List<BundledMigrations.Script> scripts = new ArrayList<>();
            while (rows.next()) {
                scripts.add(new BundledMigrations.Script(rows.getString(1), rows.getString(2), rows.getInt(3)));
            }
            return scripts;
        }
    }

    private static void execute(TestDatabase database, String sql) throws Exception {
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean migrateAfter(CyclicBarrier together, HikariDataSource pool) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        return Migrations.migrate(pool);
    }

    private static HikariDataSource pool(TestDatabase database) {
        return ConnectionPool.open(database.jdbcUrl(), database.user(), database.password(), Migrations.CONNECTIONS_NEEDED);
    }
}
