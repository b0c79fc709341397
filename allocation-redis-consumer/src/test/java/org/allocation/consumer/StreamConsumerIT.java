package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.allocation.adapters.redis.RedisClients;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.allocation.service.messagebus.MessageBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streams consumer against a real Redis, with the service in memory behind it. Streams belong to a Redis
 * database, so each test takes an empty one of its own (1 to 15) and deletes its keys afterwards.
 */
class StreamConsumerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String[] KEYS = {"allocate", "change_batch_quantity", "dead_letter"};

    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final InMemoryAllocation allocation = InMemoryAllocation.start();
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private StatefulRedisConnection<String, byte[]> consumerConnection;
    private StatefulRedisConnection<String, byte[]> deadLetterConnection;
    private RedisCommands<String, String> redis;
    private StreamConsumer consumer;

    @BeforeEach
    void takeAnEmptyDatabase() {
        URI server = URI.create(System.getenv().getOrDefault("ALLOCATION_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
        client = RedisClients.create(server);
        connection = client.connect();
        redis = connection.sync();
        for (int db = 15; db >= 1; db--) {
            redis.select(db);
            if (redis.exists(KEYS) == 0) {
                break;
            }
        }
        allocation.bus().handle(CreateBatch.inWarehouse("batch-" + marker, "LAMP-" + marker, 100));
    }

    @AfterEach
    void stopAndClean() {
        if (consumer != null) {
            consumer.close();
        }
        if (consumerConnection != null) {
            consumerConnection.close();
            deadLetterConnection.close();
        }
        redis.del(KEYS);
        connection.close();
        client.shutdown();
    }

    @Test
    void handlesEachEntryAndAcknowledgesIt() {
        startConsumer(Duration.ofSeconds(60), 5);

        for (int order = 1; order <= 3; order++) {
            redis.xadd("allocate", Map.of("data", allocate("order-" + order + "-" + marker, 2)));
        }

        awaitAllocated("order-3-" + marker);
        assertThat(allocation.views().allocationsFor("order-1-" + marker)).hasSize(1);
        awaitNothingPending("allocate");
    }

    @Test
    void readsEntriesAddedBeforeTheGroupExisted() {
        redis.xadd("allocate", Map.of("data", allocate("early-" + marker, 1)));

        startConsumer(Duration.ofSeconds(60), 5);

        awaitAllocated("early-" + marker);
    }

    @Test
    void deadLettersABadEntryWithItsIdAndAcknowledgesIt() {
        startConsumer(Duration.ofSeconds(60), 5);

        String id = redis.xadd("allocate", Map.of("data", "not json " + marker));

        Map<String, String> letter = awaitDeadLetter();
        assertThat(letter).containsEntry("source", "allocate").containsEntry("payload", "not json " + marker)
                .containsEntry("entry_id", id);
        assertThat(letter.get("error")).startsWith("Malformed JSON");
        awaitNothingPending("allocate");
    }

    @Test
    void takesOverTheEntriesOfAConsumerThatDiedAtOnceWithoutWaitingForTheClaimTime() {
        startConsumer(Duration.ofSeconds(60), 5);
        consumer.close();
        consumer = null;
        redis.xadd("allocate", Map.of("data", allocate("orphan-" + marker, 1)));
        readWithoutAcknowledging("crashed-consumer");

        startConsumer(Duration.ofSeconds(60), 5);

        awaitAllocated("orphan-" + marker);
        awaitNothingPending("allocate");
        assertThat(consumerNames("allocate")).as("the dead consumer removed from the group")
                .containsExactly("it-" + marker);
    }

    @Test
    void takesOverEveryEntryPendingInTheGroupAndHandlesThemInStreamOrder() {
        RecordingCommands commands = new RecordingCommands(5);
        startConsumer(commands.bus(), 4, Duration.ofSeconds(60), 5);
        consumer.close();
        consumer = null;
        for (int qty = 1; qty <= 120; qty++) {
            redis.xadd("change_batch_quantity", Map.of("data", "{\"batchref\": \"b-" + marker + "\", \"qty\": "
                    + qty + "}"));
        }
        // Two consumers that died holding entries of the same batch, taken in turns as Redis hands them out;
        // more than one read's worth (50), so the takeover reads its pending entries in several reads.
        for (int read = 0; read < 120; read++) {
            redis.xreadgroup(Consumer.from(StreamConsumer.GROUP, "crashed-" + read % 2),
                    XReadArgs.Builder.count(1), XReadArgs.StreamOffset.lastConsumed("change_batch_quantity"));
        }

        startConsumer(commands.bus(), 4, Duration.ofSeconds(60), 5);

        await("120 entries handled").atMost(PATIENCE).until(() -> commands.handled() == 120);
        assertThat(commands.handledByKey().get("batch b-" + marker))
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 120).boxed().toList());
        awaitNothingPending("change_batch_quantity");
        assertThat(consumerNames("change_batch_quantity")).containsExactly("it-" + marker);
    }

    @Test
    void deadLettersAnEntryDeliveredTooOftenWithoutHandlingIt() {
        startConsumer(Duration.ofMillis(300), 1);
        consumer.close();
        consumer = null;
        String id = redis.xadd("allocate", Map.of("data", allocate("poison-" + marker, 1)));
        readWithoutAcknowledging("crashed-consumer");

        startConsumer(Duration.ofMillis(300), 1);

        Map<String, String> letter = awaitDeadLetter();
        assertThat(letter).containsEntry("entry_id", id);
        assertThat(letter.get("error")).startsWith("delivered 2 times");
        assertThat(allocation.views().allocationsFor("poison-" + marker)).isEmpty();
        awaitNothingPending("allocate");
    }

    @Test
    void handlesTheEntriesOfOneKeyInStreamOrderAndTheOthersSideBySide() {
        RecordingCommands commands = new RecordingCommands(5);
        startConsumer(commands.bus(), 4, Duration.ofSeconds(60), 5);
        List<String> skus = List.of("A-" + marker, "B-" + marker, "C-" + marker, "D-" + marker);

        for (int qty = 1; qty <= 10; qty++) {
            for (String sku : skus) {
                redis.xadd("allocate", Map.of("data", "{\"orderid\": \"o-" + qty + "\", \"sku\": \"" + sku
                        + "\", \"qty\": " + qty + "}"));
            }
            redis.xadd("change_batch_quantity", Map.of("data", "{\"batchref\": \"b-" + marker + "\", \"qty\": "
                    + qty + "}"));
        }

        await("50 entries handled").atMost(PATIENCE).until(() -> commands.handled() == 50);
        List<Integer> inOrder = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(commands.handledByKey()).hasSize(5).allSatisfy((key, handled) ->
                assertThat(handled).as(key).isEqualTo(inOrder));
        assertThat(commands.overlapsWithinAKey()).isZero();
        assertThat(commands.mostAtOnce()).isGreaterThan(1);
        awaitNothingPending("allocate");
        awaitNothingPending("change_batch_quantity");
    }

    @Test
    void deadLettersAFailingEntryAndAcknowledgesEveryEntryWhileTheWorkersShareTheRead() {
        RecordingCommands commands = new RecordingCommands(1);
        startConsumer(commands.bus(), 4, Duration.ofSeconds(60), 5);

        for (int qty = 1; qty <= 20; qty++) {
            redis.xadd("allocate", Map.of("data", allocate("order-" + qty, qty)));
        }
        String failing = redis.xadd("change_batch_quantity", Map.of("data", "{\"batchref\": \"unknown\", \"qty\": 1}"));
        for (int qty = 1; qty <= 20; qty++) {
            redis.xadd("change_batch_quantity", Map.of("data", "{\"batchref\": \"b" + qty % 3 + "\", \"qty\": "
                    + qty + "}"));
        }

        Map<String, String> letter = awaitDeadLetter();
        assertThat(letter).containsEntry("entry_id", failing).containsEntry("source", "change_batch_quantity");
        await("40 entries handled").atMost(PATIENCE).until(() -> commands.handled() == 40);
        awaitNothingPending("allocate");
        awaitNothingPending("change_batch_quantity");
        assertThat(redis.xlen("dead_letter")).isEqualTo(1);
        assertThat(commands.handledByKey().get("sku LAMP-" + marker)).hasSize(20);
    }

    private void startConsumer(Duration claimIdle, int maxDeliveries) {
        startConsumer(allocation.bus(), 4, claimIdle, maxDeliveries);
    }

    private void startConsumer(MessageBus bus, int workers, Duration claimIdle, int maxDeliveries) {
        if (consumerConnection == null) {
            consumerConnection = consumerConnection();
            deadLetterConnection = consumerConnection();
        }
        MessageHandler handler = new MessageHandler(bus,
                new RedisDeadLetters(consumerConnection(), Duration.ofSeconds(2)),
                StorageRetry.standard(), Clock.systemUTC());
        consumer = new StreamConsumer(consumerConnection, handler, new StreamConsumer.Options(StreamConsumer.GROUP,
                "it-" + marker, claimIdle, maxDeliveries, 50, Duration.ofMillis(200), workers));
        consumer.start();
    }

    /** As the process connects: values as bytes (RedisBytes), in this test's database. */
    private StatefulRedisConnection<String, byte[]> consumerConnection() {
        return client.connect(RedisBytes.CODEC, RedisURI.builder(RedisURI.create(
                System.getenv().getOrDefault("ALLOCATION_TEST_REDIS_URL", "redis://127.0.0.1:6379")))
                .withDatabase(currentDatabase()).build());
    }

    private int currentDatabase() {
        return Integer.parseInt(redis.clientInfo().replaceAll("(?s).*\\bdb=(\\d+).*", "$1"));
    }

    private List<String> consumerNames(String stream) {
        return redis.xinfoConsumers(stream, StreamConsumer.GROUP).stream()
                .map(consumer -> String.valueOf(((List<?>) consumer).get(1))).toList();
    }

    private void readWithoutAcknowledging(String consumerName) {
        List<StreamMessage<String, String>> read = redis.xreadgroup(Consumer.from(StreamConsumer.GROUP, consumerName),
                XReadArgs.StreamOffset.lastConsumed("allocate"));
        assertThat(read).hasSize(1);
    }

    private String allocate(String orderid, int qty) {
        return "{\"orderid\": \"" + orderid + "\", \"sku\": \"LAMP-" + marker + "\", \"qty\": " + qty + "}";
    }

    private void awaitAllocated(String orderid) {
        await(orderid + " allocated").atMost(PATIENCE)
                .until(() -> !allocation.views().allocationsFor(orderid).isEmpty());
    }

    private Map<String, String> awaitDeadLetter() {
        return await("a dead letter").atMost(PATIENCE).until(() -> redis.xrange("dead_letter",
                io.lettuce.core.Range.create("-", "+")).stream().map(StreamMessage::getBody).findFirst(),
                Optional::isPresent).get();
    }

    private void awaitNothingPending(String stream) {
        await("no entry of " + stream + " pending").atMost(PATIENCE)
                .until(() -> redis.xpending(stream, StreamConsumer.GROUP).getCount() == 0);
    }
}
