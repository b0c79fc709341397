package org.allocation.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.allocation.adapters.config.InvalidSetting;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.health.ServerInfo;
import org.allocation.adapters.testing.ClosedPort;
import org.allocation.adapters.testing.RedisSubscriber;
import org.allocation.adapters.testing.TestDatabase;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.ports.AllocationsView.Allocation;
import org.allocation.service.ports.StorageUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole service on real PostgreSQL and Redis, as the two processes start it. */
class AllocationSystemIT {

    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    private static TestDatabase database;
    private static AllocationSystem system;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        system = AllocationSystem.start(settings(Map.of(
                "ALLOCATION_SMTP_HOST", "127.0.0.1",
                "ALLOCATION_SMTP_PORT", String.valueOf(mailServer.getSmtp().getPort()))));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        database.close();
    }

    @Test
    void allocatesPublishesAndAnswersTheReadModel() throws Exception {
        String sku = TestRedis.unique("LAMP");
        String orderid = TestRedis.unique("order");
        system.bus().handle(CreateBatch.inWarehouse("batch-" + sku, sku, 20));

        try (RedisSubscriber subscriber = RedisSubscriber.on("line_allocated")) {
            Optional<String> batchref = system.bus().handle(new Allocate(orderid, sku, 2));

            assertThat(batchref).contains("batch-" + sku);
            assertThat(subscriber.awaitMessage("about " + orderid, message -> message.contains(orderid),
                    Duration.ofSeconds(5))).isEqualTo("{\"orderid\":\"" + orderid + "\",\"sku\":\"" + sku
                    + "\",\"qty\":2,\"batchref\":\"batch-" + sku + "\"}");
        }
        assertThat(system.views().allocationsFor(orderid)).containsExactly(new Allocation(sku, "batch-" + sku));
    }

    @Test
    void reallocatesTheLinesOfAShrunkBatch() {
        String sku = TestRedis.unique("SHRINKING-TABLE");
        system.bus().handle(CreateBatch.inWarehouse("in-warehouse-" + sku, sku, 10));
        system.bus().handle(CreateBatch.inShipment("shipment-" + sku, sku, 10, java.time.LocalDate.of(2031, 1, 1)));
        system.bus().handle(new Allocate("older-" + sku, sku, 5));
        system.bus().handle(new Allocate("newer-" + sku, sku, 5));

        system.bus().handle(new ChangeBatchQuantity("in-warehouse-" + sku, 5));

        assertThat(system.views().allocationsFor("older-" + sku)).containsExactly(new Allocation(sku, "in-warehouse-" + sku));
        assertThat(system.views().allocationsFor("newer-" + sku)).containsExactly(new Allocation(sku, "shipment-" + sku));
    }

    @Test
    void emailsTheBuyersWhenASkuRunsOut() throws Exception {
        String sku = TestRedis.unique("RARE-VASE");
        system.bus().handle(CreateBatch.inWarehouse("batch-" + sku, sku, 1));

        Optional<String> batchref = system.bus().handle(new Allocate(TestRedis.unique("order"), sku, 2));

        assertThat(batchref).isEmpty();
        assertThat(mailServer.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(List.of(mailServer.getReceivedMessages()))
                .anySatisfy(mail -> assertThat(((String) mail.getContent()).trim()).isEqualTo("Out of stock for " + sku));
    }

    @Test
    void concurrentAllocationsOfOneSkuAllSucceedThroughTheBusRetries() throws Exception {
        String sku = TestRedis.unique("BUSY-CHAIR");
        system.bus().handle(CreateBatch.inWarehouse("batch-" + sku, sku, 100));

        List<Optional<String>> results = allocateConcurrently(sku, 6);

        assertThat(results).allSatisfy(result -> assertThat(result).contains("batch-" + sku));
        assertThat(totalAllocated(sku)).isEqualTo(6);
    }

    @Test
    void concurrentAllocationsNeverOverAllocate() throws Exception {
        String sku = TestRedis.unique("SCARCE-CHAIR");
        system.bus().handle(CreateBatch.inWarehouse("batch-" + sku, sku, 3));

        List<Optional<String>> results = allocateConcurrently(sku, 6);

        assertThat(results.stream().filter(Optional::isPresent)).hasSize(3);
        assertThat(totalAllocated(sku)).isEqualTo(3);
    }

    @Test
    void isHealthyWhenBothServersAnswer() {
        assertThat(system.health()).containsExactly(Map.entry("postgres", true), Map.entry("redis", true));
    }

    @Test
    void namesTheServerEachCheckReachedAsAPrimary() {
        system.health();

        ServerInfo postgres = system.servers().get("postgres");
        ServerInfo redis = system.servers().get("redis");
        assertThat(postgres.role()).isEqualTo("primary");
        assertThat(postgres.primary()).isTrue();
        assertThat(postgres.address()).matches(".+:\\d+");
        assertThat(redis.role()).isEqualTo("master");
        assertThat(redis.primary()).isTrue();
        assertThat(redis.address()).endsWith(":" + TestRedis.uri().getPort());
    }

    @Test
    void reportsRedisDownWithinAboutASecond() {
        try (AllocationSystem withoutRedis = AllocationSystem.start(settings(Map.of(
                "ALLOCATION_REDIS_URL", "redis://127.0.0.1:" + ClosedPort.find())))) {
            long started = System.nanoTime();

            Map<String, Boolean> health = withoutRedis.health();

            assertThat(health).containsExactly(Map.entry("postgres", true), Map.entry("redis", false));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        AllocationSystem another = AllocationSystem.start(settings(Map.of()));

        another.close();
        another.close();

        assertThat(another.health()).containsEntry("postgres", false);
    }

    @Test
    void refusesToStartWithoutADatabase() {
        assertThatThrownBy(() -> AllocationSystem.start(settings(Map.of(
                "ALLOCATION_DB_URL", "jdbc:postgresql://127.0.0.1:" + ClosedPort.find() + "/allocation"))))
                .isInstanceOf(StorageUnavailable.class);
    }

    @Test
    void namesAnUnusableDatabaseUrl() {
        assertThatThrownBy(() -> AllocationSystem.start(settings(Map.of(
                "ALLOCATION_DB_URL", "jdbc:postgresql://[broken"))))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("ALLOCATION_DB_URL");
    }

    private static List<Optional<String>> allocateConcurrently(String sku, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch startTogether = new CountDownLatch(1);
        List<Future<Optional<String>>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String orderid = "order-" + i + "-" + sku;
            futures.add(pool.submit(() -> {
                startTogether.await();
                return system.bus().handle(new Allocate(orderid, sku, 1));
            }));
        }
        startTogether.countDown();
        List<Optional<String>> results = new java.util.ArrayList<>();
        for (Future<Optional<String>> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return results;
    }

    private static int totalAllocated(String sku) throws Exception {
        try (var connection = database.connect();
             var statement = connection.prepareStatement(
                     "SELECT b.allocated_quantity, (SELECT coalesce(sum(qty), 0) FROM allocations a "
                             + "WHERE a.batch_reference = b.reference) FROM batches b WHERE b.sku = ?")) {
            statement.setString(1, sku);
            try (var rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("allocated_quantity agrees with the rows").isEqualTo(rows.getInt(2));
                return rows.getInt(1);
            }
        }
    }

    private static Settings settings(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.putAll(TestRedis.environment());
        environment.put("ALLOCATION_DB_POOL_SIZE", "8");
        environment.putAll(overrides);
        return Settings.from(environment);
    }
}
