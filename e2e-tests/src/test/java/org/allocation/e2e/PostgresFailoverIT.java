package org.allocation.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL primary crashes under load, a second after its streaming replica stopped receiving its commits,
 * and the replica is promoted: both processes, given the two
 * hosts with {@code targetServerType=primary} (every other setting as shipped), follow the new primary by
 * themselves. The cluster is the test's own ({@link ReplicatedPostgres}), never the machine's server.
 */
class PostgresFailoverIT {

    private static final Duration FIRST_SUCCESS_TARGET = Duration.ofSeconds(10);
    /** What the replica misses: the primary's commits of this long before it crashes are lost with it. */
    private static final Duration REPLICA_LAG = Duration.ofSeconds(1);

    @Test
    void bothProcessesFollowThePromotedReplicaLosingOnlyWhatAsynchronousReplicationAllows() throws Exception {
        Assumptions.assumeTrue(LocalServers.postgresToolsPresent(), "no PostgreSQL binaries to make a cluster with");
        try (ReplicatedPostgres postgres = ReplicatedPostgres.start();
             AllocationSystem system = AllocationSystem.startAsShipped(E2eSettings.fromEnvironment()
                     .withDatabaseServer(postgres.adminUrl(), "postgres", "").withLogsIn("postgres-failover"))) {
            assertThat(serverOf(system.api(), "postgres")).isEqualTo(postgres.primary().address());
            FailoverLoad load = new FailoverLoad(system);
            load.prepare();

            load.runAcross(() -> {
                postgres.crashPrimaryWhileReplicaLags(REPLICA_LAG, load::killingNow);
                load.primaryGone();
                postgres.promoteReplica();
            });
            FailoverLoad.Outcome outcome = load.settle();
            System.out.println(outcome.report("PostgreSQL primary crashed (pg_ctl stop -m immediate) with the "
                    + "replica " + REPLICA_LAG.toMillis() + " ms behind, replica promoted"));

            assertThat(outcome.statuses().keySet()).as("every answer 201, 409 or 503").isSubsetOf(201, 409, 503);
            assertThat(outcome.unanswered()).as("allocations never answered 201 or 409").isEmpty();
            assertThat(outcome.doubled()).as("lines on two batches").isEmpty();
            assertThat(outcome.inconsistentBatches()).as("batches whose allocated quantity is off").isEmpty();
            assertThat(outcome.lostAllocationsAfterKill()).as("allocations lost though committed on the new primary")
                    .isEmpty();
            assertThat(outcome.lineLost()).as("lines deallocated and never allocated again").isEmpty();
            assertThat(outcome.eventsMissing()).as("allocations without their Allocated event").isEmpty();
            assertThat(outcome.firstSuccessSeconds()).as("seconds from the kill to the first 201")
                    .isLessThan(FIRST_SUCCESS_TARGET.toSeconds());
            await("both processes report the promoted replica as their primary").untilAsserted(() -> {
                assertThat(serverOf(system.api(), "postgres")).isEqualTo(postgres.replica().address());
                assertThat(serverOf(system.consumerApi(), "postgres")).isEqualTo(postgres.replica().address());
            });
        }
    }

    /** The address {@code /health} names for a server, when it says that server is the primary. */
    static String serverOf(ApiClient process, String server) {
        ApiClient.Response health = process.send("GET", "/health", null);
        return Optional.of(health.json().path("servers").path(server))
                .filter(info -> info.path("primary").asBoolean(false))
                .map(info -> info.path("address").asText())
                .orElse("not a primary: " + health.body());
    }
}
