package org.allocation.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.allocation.adapters.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class MigrationsIT {

    @Test
    void twoProcessesMigratingAtOnceBothSucceedAndApplyEachScriptOnce() throws Exception {
        try (TestDatabase database = TestDatabase.create();
             HikariDataSource first = pool(database);
             HikariDataSource second = pool(database)) {
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService processes = Executors.newFixedThreadPool(2);

            List<Future<?>> migrations = List.of(
                    processes.submit(() -> migrateAfter(together, first)),
                    processes.submit(() -> migrateAfter(together, second)));
            for (Future<?> migration : migrations) {
                migration.get(60, TimeUnit.SECONDS);
            }
            processes.shutdown();

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

    private static Void migrateAfter(CyclicBarrier together, HikariDataSource pool) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        Migrations.migrate(pool);
        return null;
    }

    private static HikariDataSource pool(TestDatabase database) {
        return ConnectionPool.open(database.jdbcUrl(), database.user(), database.password(), Migrations.CONNECTIONS_NEEDED);
    }
}
