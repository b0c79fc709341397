package org.allocation.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocation.adapters.persistence.ConnectionPool;
import org.allocation.adapters.persistence.delivery.SqlOutbox;
import org.allocation.adapters.redis.RedisClients;
import org.allocation.adapters.redis.RedisOutboundDelivery;
import org.allocation.adapters.redis.SharedRedisConnection;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.service.retry.Backoff;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


class OutboxRelayIT {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Retries 10 ms apart doubling to 50 ms, so that a test outlasts an outage quickly. */
    private static final Backoff QUICK_RETRIES = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50),
            Backoff.Jitter.NONE);

    private static TestStorage storage;
    private OutboxRelay relay;

    @BeforeAll
    static void createDatabase() {
        storage = TestStorage.create();
    }

    @AfterAll
    static void dropDatabase() {
        storage.close();
    }

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.close();
        }
        storage.update("DELETE FROM outbox");
    }

    @Test
    void relaysToTheChannelAndTheStreamInCommitOrderAndEmptiesTheOutbox() throws Exception {
        String sku = TestRedis.unique("LAMP");
        RedisClient client = RedisClients.create(TestRedis.uri());
        try (SharedRedisConnection redis = new SharedRedisConnection(client)) {
            String before = newestEntryId(redis, "line_allocated");
            for (int order = 1; order <= 5; order++) {
                insertOutgoing("{\"orderid\":\"o" + order + "\",\"sku\":\"" + sku + "\"}");
            }

            relay = new OutboxRelay(new SqlOutbox(storage.pool()), new RedisOutboundDelivery(redis, 10_000),
                    OutboxRelay.Options.standard(Duration.ofSeconds(60))).start();

            awaitOutboxEmpty();
            List<String> relayed = redis.get().sync()
                    .xrange("line_allocated", Range.create(before, "+"), Limit.create(0, 100_000)).stream()
                    .map(entry -> entry.getBody().get("data")).filter(data -> data.contains(sku)).toList();
            assertThat(relayed).containsExactly(
                    "{\"orderid\":\"o1\",\"sku\":\"" + sku + "\"}", "{\"orderid\":\"o2\",\"sku\":\"" + sku + "\"}",
                    "{\"orderid\":\"o3\",\"sku\":\"" + sku + "\"}", "{\"orderid\":\"o4\",\"sku\":\"" + sku + "\"}",
                    "{\"orderid\":\"o5\",\"sku\":\"" + sku + "\"}");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void eventsWaitWhileTheBrokerIsDownAndAreRelayedOnceWhenItIsBack() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(3);
        List<OutgoingMessage> delivered = new CopyOnWriteArrayList<>();
        insertOutgoing("{\"orderid\":\"o1\"}");
        insertOutgoing("{\"orderid\":\"o2\"}");

        relay = new OutboxRelay(new SqlOutbox(storage.pool()), messages -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("broker down");
            }
            delivered.addAll(messages);
        }, new OutboxRelay.Options(500, Duration.ofSeconds(60), QUICK_RETRIES))
                .start();

        awaitOutboxEmpty();
        assertThat(delivered).extracting(OutgoingMessage::payload)
                .containsExactly("{\"orderid\":\"o1\"}", "{\"orderid\":\"o2\"}");
    }

    @Test
    void aNudgeRelaysAtOnceWithoutWaitingForTheSweep() throws Exception {
        List<OutgoingMessage> delivered = new CopyOnWriteArrayList<>();
        relay = new OutboxRelay(new SqlOutbox(storage.pool()), delivered::addAll,
                OutboxRelay.Options.standard(Duration.ofHours(1))).start();
        awaitOutboxEmpty();
        insertOutgoing("{\"orderid\":\"o1\"}");

        relay.nudge();

        awaitOutboxEmpty();
        assertThat(delivered).hasSize(1);
    }

    @Test
    void waitingForTheRelayReturnsOnceWhatWasCommittedBeforeIsDelivered() {
        List<OutgoingMessage> delivered = new CopyOnWriteArrayList<>();
        relay = new OutboxRelay(new SqlOutbox(storage.pool()), delivered::addAll,
                OutboxRelay.Options.standard(Duration.ofHours(1))).start();
        insertOutgoing("{\"orderid\":\"o1\"}");

        boolean relayed = relay.relayAndAwait(DEADLINE);

        assertThat(relayed).isTrue();
        assertThat(delivered).extracting(OutgoingMessage::payload).containsExactly("{\"orderid\":\"o1\"}");
    }

    @Test
    void waitingForTheRelayEndsAtThePatienceWhenTheBrokerIsAwayAndTheRowsStay() {
        relay = new OutboxRelay(new SqlOutbox(storage.pool()), messages -> {
            throw new IllegalStateException("broker down");
        }, new OutboxRelay.Options(500, Duration.ofHours(1), QUICK_RETRIES)).start();
        insertOutgoing("{\"orderid\":\"o1\"}");

        long started = System.nanoTime();
        boolean relayed = relay.relayAndAwait(Duration.ofMillis(200));

        assertThat(relayed).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(((Number) storage.value("SELECT count(*) FROM outbox")).longValue()).isEqualTo(1);
    }

    @Test
    void aRelayerThatFindsTheOutboxTakenWaitsAndThenTakesWhatTheOtherLeft() throws Exception {
        insertOutgoing("{\"orderid\":\"before\"}");
        SqlOutbox outbox = new SqlOutbox(storage.pool());
        HeldPass first = HeldPass.holding(outbox);
        insertOutgoing("{\"orderid\":\"during\"}");
        List<String> secondGot = new CopyOnWriteArrayList<>();
        CompletableFuture<OutboxStore.Pass> second = CompletableFuture.supplyAsync(() ->
                outbox.relayOldest(10, messages -> messages.forEach(message -> secondGot.add(message.payload()))));
        awaitWaitingForTheRelayLock();

        first.release();

        assertThat(first.outcome()).isEqualTo(OutboxStore.Pass.RELAYED);
        assertThat(second.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(OutboxStore.Pass.RELAYED);
        assertThat(secondGot).containsExactly("{\"orderid\":\"during\"}");
    }

    @Test
    void onlyOneRelayerTakesTheOutboxAtATime() throws Exception {
        insertOutgoing("{\"orderid\":\"o1\"}");
        SqlOutbox outbox = new SqlOutbox(storage.pool());
        HeldPass first = HeldPass.holding(outbox);

        OutboxStore.Pass second = outbox.relayOldest(10, messages -> {
            throw new AssertionError("a second relayer got " + messages);
        });
        first.release();

        assertThat(second).isEqualTo(OutboxStore.Pass.BUSY);
        assertThat(first.outcome()).isEqualTo(OutboxStore.Pass.RELAYED);
    }

    @Test
    void aPassChangesNothingOfItsConnectionForTheNextUser() throws Exception {
        insertOutgoing("{\"orderid\":\"o1\"}");
        try (HikariDataSource onePool = ConnectionPool.open(storage.database().jdbcUrl(), storage.database().user(),
                storage.database().password(), 1)) {

            OutboxStore.Pass pass = new SqlOutbox(onePool).relayOldest(10, messages -> { });

            assertThat(pass).isEqualTo(OutboxStore.Pass.RELAYED);
            try (Connection connection = onePool.getConnection(); Statement show = connection.createStatement()) {
                assertThat(setting(show, "transaction_isolation")).isEqualTo("repeatable read");
                assertThat(setting(show, "synchronous_commit")).isEqualTo("on");
                connection.rollback();
            }
        }
        assertThat(((Number) storage.value("SELECT count(*) FROM outbox")).longValue()).isZero();
    }

    @Test
    void rowsThatRedisDidNotTakeStayInTheOutbox() {
        insertOutgoing("{\"orderid\":\"o1\"}");
        SqlOutbox outbox = new SqlOutbox(storage.pool());

        assertThatThrownBy(() -> outbox.relayOldest(10, messages -> {
            throw new IllegalStateException("broker down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(storage.value("SELECT payload FROM outbox")).isEqualTo("{\"orderid\":\"o1\"}");
    }

    private static String setting(Statement show, String name) throws SQLException {
        try (ResultSet result = show.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void insertOutgoing(String payload) {
        storage.update("INSERT INTO outbox (destination, event_type, payload) VALUES ('line_allocated', 'Allocated', ?)",
                payload);
    }

    /** A relayer's pass stopped while it delivers, so holding the outbox, until released. */
    private record HeldPass(CompletableFuture<OutboxStore.Pass> pass, CountDownLatch releasing) {

        static HeldPass holding(SqlOutbox outbox) throws InterruptedException {
            CountDownLatch delivering = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<OutboxStore.Pass> pass = CompletableFuture.supplyAsync(() ->
                    outbox.relayOldest(10, messages -> {
                        delivering.countDown();
                        await(release);
                    }));
            assertThat(delivering.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            return new HeldPass(pass, release);
        }

        void release() {
            releasing.countDown();
        }

        OutboxStore.Pass outcome() throws Exception {
            return pass.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Until a relayer's transaction waits for the advisory lock another one holds. */
    private static void awaitWaitingForTheRelayLock() {
        Awaitility.await("a relayer waiting for the lock").atMost(DEADLINE).until(() -> ((Number) storage.value(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).longValue() > 0);
    }

    private static void awaitOutboxEmpty() {
        Awaitility.await("the outbox emptied").atMost(DEADLINE)
                .until(() -> ((Number) storage.value("SELECT count(*) FROM outbox")).longValue() == 0);
    }

    private static String newestEntryId(SharedRedisConnection redis, String stream) {
        List<StreamMessage<String, String>> newest = redis.get().sync()
                .xrevrange(stream, Range.unbounded(), Limit.create(0, 1));
        return newest.isEmpty() ? "0-0" : newest.get(0).getId();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
