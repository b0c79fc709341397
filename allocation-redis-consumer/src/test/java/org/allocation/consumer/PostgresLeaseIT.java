package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease on a real PostgreSQL, in the test server's administrative database with a lock key of each test's
 * own, so that runs sharing the server never meet.
 */
class PostgresLeaseIT {

    private static final String URL = env("ALLOCATION_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("ALLOCATION_TEST_DB_USER", "postgres");
    private static final String PASSWORD = env("ALLOCATION_TEST_DB_PASSWORD", "");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final long key = ThreadLocalRandom.current().nextLong();
    private final PostgresLease first = lease(Duration.ofSeconds(10));
    private final PostgresLease second = lease(Duration.ofSeconds(10));

    @AfterEach
    void giveUp() {
        first.close();
        second.close();
    }

    @Test
    void onlyOneProcessHoldsTheLeaseAtATime() {
        assertThat(first.tryAcquire()).isTrue();

        assertThat(second.tryAcquire()).isFalse();
        assertThat(first.confirm()).isTrue();
        assertThat(first.tryAcquire()).as("the holder asking again").isTrue();
        assertThat(second.confirm()).as("a standby confirms nothing").isFalse();
    }

    @Test
    void theLeaseIsFreeTheMomentItsHoldersSessionEnds() throws SQLException {
        first.tryAcquire();

        terminateTheHoldersSession();

        assertThat(second.tryAcquire()).isTrue();
        assertThat(first.confirm()).isFalse();
        assertThat(first.tryAcquire()).isFalse();
    }

    @Test
    void aHolderThatClosesGivesTheLeaseUpAtOnce() {
        first.tryAcquire();

        first.close();

        assertThat(second.tryAcquire()).isTrue();
    }

    @Test
    void theServerFreesTheLeaseOfAHolderThatFellSilentOnceTheTimeoutPassed() {
        try (PostgresLease silent = lease(Duration.ofSeconds(1))) {
            assertThat(silent.tryAcquire()).isTrue();
            long acquired = System.nanoTime();

            // The holder never confirms again, as a frozen process or a vanished host would not.
            await("the lease free for another").atMost(PATIENCE).until(second::tryAcquire);

            assertThat(Duration.ofNanos(System.nanoTime() - acquired)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(silent.confirm()).isFalse();
        }
    }

    private void terminateTheHoldersSession() throws SQLException {
        try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
             PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks"
                     + " WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND objsubid = 1")) {
            terminate.setLong(1, key >>> 32);
            terminate.setLong(2, key & 0xffffffffL);
            try (ResultSet terminated = terminate.executeQuery()) {
                assertThat(terminated.next()).as("the holder's session found").isTrue();
                assertThat(terminated.getBoolean(1)).isTrue();
            }
        }
        // pg_terminate_backend only signals: wait until the lock is gone.
        await("the holder's session ended").atMost(PATIENCE).until(() -> lockHolders() == 0);
    }

    private long lockHolders() {
        try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
             PreparedStatement count = admin.prepareStatement("SELECT count(*) FROM pg_locks"
                     + " WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND objsubid = 1")) {
            count.setLong(1, key >>> 32);
            count.setLong(2, key & 0xffffffffL);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private PostgresLease lease(Duration timeout) {
        return new PostgresLease(URL, USER, PASSWORD, timeout, key);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
