package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is stopped, then started again, while HTTP allocations and {@code allocate} stream entries keep
 * coming: the API answers 503 while the database is away and 201 again once it is back, by itself, and the
 * consumer loses no entry. The server is the test's own ({@link OwnPostgres}: the machine's binaries, a free port),
 * never the machine's, which other builds use meanwhile; the processes run with every setting as shipped but the
 * URLs. Skipped where the PostgreSQL binaries are absent.
 */
class PostgresRestartedIT {

    private static final int HTTP_CLIENTS = 4;
    private static final int STREAM_ENTRIES = 400;

    @Test
    void theApiAnswers503MeanwhileAndTheConsumerLosesNothing() throws Exception {
        Assumptions.assumeTrue(LocalServers.postgresToolsPresent(), "no PostgreSQL binaries to make a server with");
        try (OwnPostgres postgres = OwnPostgres.start();
             AllocationSystem system = AllocationSystem.startAsShipped(E2eSettings.fromEnvironment()
                     .withDatabaseServer(postgres.adminUrl(), "postgres", "").withLogsIn("postgres-restarted"))) {
            restartUnderLoad(postgres, system.api(), system.redis());
        }
    }

    private static void restartUnderLoad(OwnPostgres postgres, ApiClient api, RedisChannels redis)
            throws InterruptedException {
        String sku = randomSku("pg-restart");
        api.addBatch(randomBatchRef("pg-restart"), sku, 1_000_000, null);
        String streamBefore = redis.lastId(LineAllocatedStream.STREAM);
        ConcurrentMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> allocatedOverHttp = new CopyOnWriteArrayList<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(HTTP_CLIENTS + 1);
        for (int client = 0; client < HTTP_CLIENTS; client++) {
            int clientNumber = client;
            load.submit(() -> allocateUntilStopped(api, sku, "http-" + clientNumber, loading, statuses,
                    allocatedOverHttp));
        }
        List<String> streamed = new ArrayList<>();
        for (int i = 0; i < STREAM_ENTRIES; i++) {
            streamed.add(sku + "-stream-" + i);
        }
        load.submit(() -> {
            for (int i = 0; i < STREAM_ENTRIES; i++) {
                redis.addToStream("allocate", Json.object("orderid", streamed.get(i), "sku", sku, "qty", 1));
                pause(Duration.ofMillis(5));
            }
        });
        // The load stops also when the test fails, so that no client outlives the system it calls.
        try {
            await("some allocations before the restart")
                    .untilAsserted(() -> assertThat(allocatedOverHttp).hasSizeGreaterThan(20));

            // Stopped, then started once the API has answered 503: a plain restart can be shorter than the pool's
            // wait for a connection, and then every request is merely slow (seen once), which proves nothing.
            long restartStarted = System.nanoTime();
            postgres.stop();
            try {
                await("a 503 while PostgreSQL is down").atMost(Duration.ofSeconds(30))
                        .until(() -> statuses.containsKey(503) && statuses.get(503).get() > 0);
            } finally {
                postgres.startAgain();
            }
            long restartDone = System.nanoTime();
            int createdBeforeRecovery = allocatedOverHttp.size();
            await("the API allocates again").atMost(Duration.ofSeconds(30))
                    .until(() -> allocatedOverHttp.size() > createdBeforeRecovery + 20);
            long recovered = System.nanoTime();
            loading.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(statuses.keySet()).as("only 201 and 503: %s", statuses).isSubsetOf(201, 503);
            Map<String, Integer> counts = await("every streamed and every created order on the stream")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> LineAllocatedStream.countsPerOrder(redis, streamBefore, sku),
                            found -> found.keySet().containsAll(streamed)
                                    && found.keySet().containsAll(allocatedOverHttp));
            for (String orderid : streamed) {
                assertThat(api.getAllocations(orderid).json().size()).as(orderid + " allocated once").isEqualTo(1);
            }
            await("every allocate entry acknowledged")
                    .untilAsserted(() -> assertThat(redis.pendingInGroup("allocate")).isZero());
            System.out.printf("[fault] PostgreSQL stopped until the API answered 503, then started (%.2f s down) "
                            + "under load: HTTP %s, back to 201 %.2f s after the stop; %d stream entries all allocated "
                            + "once; lost 0, duplicate line_allocated entries %d%n",
                    (restartDone - restartStarted) / 1e9, statuses, (recovered - restartStarted) / 1e9, STREAM_ENTRIES,
                    LineAllocatedStream.duplicates(counts));
        } finally {
            loading.set(false);
            load.shutdownNow();
        }
    }

    private static void allocateUntilStopped(ApiClient api, String sku, String client, AtomicBoolean loading,
                                             ConcurrentMap<Integer, AtomicInteger> statuses, List<String> created) {
        for (int i = 0; loading.get(); i++) {
            String orderid = sku + "-" + client + "-" + i;
            int status;
            try {
                status = api.postToAllocate(orderid, sku, 1).status();
            } catch (RuntimeException connectionFailed) {
                status = -1;
            }
            statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
            if (status == 201) {
                created.add(orderid);
            } else {
                pause(Duration.ofMillis(20));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
