package org.allocation.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Redis primary is killed (SIGKILL) under load, a second after its replica stopped receiving its writes, and
 * Sentinel promotes the replica: both processes, given the
 * sentinel's URL (every other setting as shipped), carry on with the new primary by themselves: publishing and the
 * outbox relay, the pub/sub subscription, the stream reads and the consumer group, the dead letters, health. The
 * servers and the sentinel are the test's own ({@link SentinelRedis}).
 */
class RedisFailoverIT {

    private static final Duration FIRST_SUCCESS_TARGET = Duration.ofSeconds(10);
    /** What the replica misses: the primary's writes of this long before it dies are lost with it. */
    private static final Duration REPLICA_LAG = Duration.ofSeconds(1);

    @Test
    void bothProcessesFollowThePromotedReplicaLosingOnlyWhatAsynchronousReplicationAllows() throws Exception {
        FailoverLoad.Outcome outcome = failOverUnderLoad("redis-failover", Map.of(), false);

        assertThat(outcome.changeLostThoughRedisKeptIt()).as("entries still in the stream and never handled")
                .isEmpty();
    }

    /**
     * The same with {@code ALLOCATION_RELAY_WAIT_REPLICAS=1}, the operator's choice for events: the relay deletes
     * relayed events only once the replica has them, so the promoted replica lacks none of them. The price: the
     * promoted primary has no replica, and events wait in the outbox until one is back (the old primary, restarted,
     * which Sentinel makes a replica).
     */
    @Test
    void noAllocatedEventIsLostWhenTheRelayWaitsForTheReplica() throws Exception {
        FailoverLoad.Outcome outcome = failOverUnderLoad("redis-failover-relay-waits",
                Map.of("ALLOCATION_RELAY_WAIT_REPLICAS", "1"), true);

        assertThat(outcome.eventsMissing()).as("orders without their Allocated event").isEmpty();
    }

    private static FailoverLoad.Outcome failOverUnderLoad(String name, Map<String, String> changedSettings,
                                                          boolean restoreAReplica) throws Exception {
        Assumptions.assumeTrue(LocalServers.redisServerPresent(), "no redis-server to make a Sentinel setup with");
        try (SentinelRedis redis = SentinelRedis.start();
             AllocationSystem system = AllocationSystem.start(E2eSettings.fromEnvironment()
                     .withRedis(redis.sentinelUrl(0)).withLogsIn(name), changedSettings)) {
            assertThat(PostgresFailoverIT.serverOf(system.api(), "redis")).isEqualTo(redis.primaryAddress());
            String probeSku = Refs.randomSku("redis-failover-probe");
            system.api().addBatch(Refs.randomBatchRef("redis-failover-probe"), probeSku, 1_000, null);
            FailoverLoad load = new FailoverLoad(system);
            load.prepare();
            AtomicLong killedAt = new AtomicLong();
            AtomicReference<CompletableFuture<Long>> firstStreamSuccess = new AtomicReference<>();

            load.runAcross(() -> {
                redis.killPrimaryWhileReplicaLags(REPLICA_LAG, () -> {
                    load.killingNow();
                    killedAt.set(System.nanoTime());
                });
                load.primaryGone();
                firstStreamSuccess.set(CompletableFuture.supplyAsync(
                        () -> firstAllocationThroughTheStream(system, probeSku)));
            });
            redis.awaitReplicaPromoted(Duration.ofSeconds(30));
            double streamSeconds = (firstStreamSuccess.get().get(60, TimeUnit.SECONDS) - killedAt.get()) / 1e9;
            if (restoreAReplica) {
                redis.restartKilledPrimaryAsReplica();
            }
            FailoverLoad.Outcome outcome = load.settle();
            System.out.println(outcome.report("Redis primary killed (SIGKILL) with the replica "
                    + REPLICA_LAG.toMillis() + " ms behind, Sentinel promoted the replica; settings changed "
                    + changedSettings) + String.format("; first allocate entry added after the kill allocated "
                    + "%.2f s after it", streamSeconds));

            assertThat(outcome.statuses().keySet()).as("every answer 201, 409 or 503").isSubsetOf(201, 409, 503);
            assertThat(outcome.unanswered()).as("allocations never answered 201 or 409").isEmpty();
            assertThat(outcome.lostAllocations()).as("allocations lost (PostgreSQL did not fail)").isEmpty();
            assertThat(outcome.doubled()).as("lines on two batches").isEmpty();
            assertThat(outcome.inconsistentBatches()).as("batches whose allocated quantity is off").isEmpty();
            assertThat(outcome.lineLost()).as("lines deallocated and never allocated again").isEmpty();
            assertThat(outcome.firstSuccessSeconds()).as("seconds from the kill to the first 201")
                    .isLessThan(FIRST_SUCCESS_TARGET.toSeconds());
            assertThat(streamSeconds).as("seconds from the kill to the first allocation through the stream")
                    .isLessThan(FIRST_SUCCESS_TARGET.toSeconds());
            await("both processes report the promoted replica as their Redis").untilAsserted(() -> {
                assertThat(PostgresFailoverIT.serverOf(system.api(), "redis")).isEqualTo(redis.replicaAddress());
                assertThat(PostgresFailoverIT.serverOf(system.consumerApi(), "redis"))
                        .isEqualTo(redis.replicaAddress());
            });
            assertPubSubStillReachesTheConsumer(system, probeSku);
            assertDeadLettersStillGoToTheNewPrimary(system);
            return outcome;
        }
    }

    /** The consumer's dead-letter connection writes to the new primary. */
    private static void assertDeadLettersStillGoToTheNewPrimary(AllocationSystem system) {
        String before = system.redis().lastDeadLetterId();
        String entryId = system.redis().addToStream("allocate", "not json after the failover");
        system.redis().awaitDeadLetter(before, "for the entry added after the failover",
                letter -> letter.field("entry_id").filter(entryId::equals).isPresent());
    }

    /**
     * Adds an {@code allocate} entry as soon as Redis takes one (on the new primary, once Sentinel has promoted it)
     * and waits until the consumer has allocated it; returns when, as {@link System#nanoTime()}.
     */
    private static long firstAllocationThroughTheStream(AllocationSystem system, String sku) {
        String orderid = Refs.randomOrderId("redis-failover-stream");
        await("Redis takes an allocate entry after the kill").atMost(Duration.ofSeconds(30)).until(() ->
                system.redis().addToStream("allocate", Json.object("orderid", orderid, "sku", sku, "qty", 1)) != null);
        await("the consumer allocates the entry added after the kill").atMost(Duration.ofSeconds(30))
                .until(() -> system.api().getAllocations(orderid).status() == 200);
        return System.nanoTime();
    }

    /** The consumer subscribed again, on the new primary: a message published there is handled. */
    private static void assertPubSubStillReachesTheConsumer(AllocationSystem system, String sku) {
        String orderid = Refs.randomOrderId("redis-failover-pubsub");
        await("a message published on the new primary is handled").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            system.redis().publish("allocate", Json.object("orderid", orderid, "sku", sku, "qty", 1));
            assertThat(system.api().getAllocations(orderid).status()).isEqualTo(200);
        });
    }
}
