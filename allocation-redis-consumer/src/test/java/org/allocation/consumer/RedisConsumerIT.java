package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.events.Allocated;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.allocation.service.inmemory.InMemoryAllocationsView;
import org.allocation.service.inmemory.InMemoryEventPublisher;
import org.allocation.service.inmemory.InMemoryProductStore;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.AllocationsView.Allocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer against a real Redis, with the whole service in memory behind it. Other tests and processes
 * may be using the same Redis and channels at the same time: every test uses SKUs, order ids and batch
 * references of its own, and reads only the dead letters added after it started.
 */
class RedisConsumerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static TestRedis redis;

    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final String clientName = "consumer-it-" + marker;
    private final InMemoryAllocation allocation = InMemoryAllocation.start();
    private final BlockingQueue<Allocated> allocated = new LinkedBlockingQueue<>();
    private RedisConsumer consumer;
    private String deadLettersBefore;

    @BeforeAll
    static void connect() {
        redis = new TestRedis();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @BeforeEach
    void startConsumer() {
        allocation.publisher().subscribe((channel, event) -> {
            if (event instanceof Allocated line) {
                allocated.add(line);
            }
        });
        deadLettersBefore = redis.lastDeadLetterId();
        consumer = start(allocation.bus());
    }

    @AfterEach
    void stopConsumer() {
        consumer.close();
    }

    @Test
    void allocatesAnOrderLinePublishedOnTheAllocateChannel() throws InterruptedException {
        String sku = "LAMP-" + marker;
        allocation.bus().handle(CreateBatch.inWarehouse("batch-" + marker, sku, 10));

        redis.publish("allocate", "{\"orderid\": \"order-" + marker + "\", \"sku\": \"" + sku + "\", \"qty\": 3}");

        assertThat(nextAllocation()).isEqualTo(new Allocated("order-" + marker, sku, 3, "batch-" + marker));
        assertThat(allocation.views().allocationsFor("order-" + marker)).containsExactly(new Allocation(sku, "batch-" + marker));
    }

    @Test
    void reallocatesWhenABatchShrinksOnTheChangeBatchQuantityChannel() throws InterruptedException {
        String sku = "TABLE-" + marker;
        allocation.bus().handle(CreateBatch.inWarehouse("early-" + marker, sku, 10));
        allocation.bus().handle(CreateBatch.inShipment("later-" + marker, sku, 10, LocalDate.of(2030, 1, 1)));
        allocation.bus().handle(new Allocate("order-" + marker, sku, 10));
        allocated.clear();

        redis.publish("change_batch_quantity", "{\"batchref\": \"early-" + marker + "\", \"qty\": 5}");

        assertThat(nextAllocation()).isEqualTo(new Allocated("order-" + marker, sku, 10, "later-" + marker));
    }

    @Test
    void deadLettersEachBadMessageAndCarriesOnWithTheGoodOnes() throws InterruptedException {
        String sku = "CHAIR-" + marker;
        allocation.bus().handle(CreateBatch.inWarehouse("batch-" + marker, sku, 10));
        List<BadMessage> corpus = List.of(
                new BadMessage("allocate", "not json " + marker, "Malformed JSON"),
                new BadMessage("allocate", "[\"" + marker + "\"]", "Expected a JSON object with fields orderid, sku, qty, was an array"),
                new BadMessage("allocate", "{\"orderid\": \"" + marker + "\", \"qty\": 1}", "sku is required"),
                new BadMessage("allocate", "{\"orderid\": \"" + marker + "\", \"sku\": null, \"qty\": 1}",
                        "sku must not be null"),
                new BadMessage("allocate", "{\"orderid\": \"" + marker + "\", \"sku\": \"" + sku + "\", \"qty\": \"1\"}",
                        "qty must be a whole number, was the string \"1\""),
                new BadMessage("allocate", "{\"orderid\": \"" + marker + "\", \"sku\": \"" + sku + "\", \"qty\": 1.5}",
                        "qty must be a whole number, was the number 1.5"),
                new BadMessage("allocate", "{\"orderid\": \"" + marker + "\", \"sku\": \"" + sku + "\", \"qty\": 0}",
                        "qty must be at least 1, was 0"),
                new BadMessage("allocate", "{\"orderid\": \"o\", \"sku\": \"NOSUCH-" + marker + "\", \"qty\": 1}",
                        "Invalid sku NOSUCH-" + marker),
                new BadMessage("change_batch_quantity", "{\"batchref\": \"nosuch-" + marker + "\", \"qty\": 1}",
                        "Unknown batch nosuch-" + marker),
                new BadMessage("change_batch_quantity", "{\"batchref\": \"" + marker + "\", \"qty\": -1}",
                        "qty must be at least 0, was -1"),
                new BadMessage("change_batch_quantity", "{\"batchref\": 42, \"qty\": 1, \"m\": \"" + marker + "\"}",
                        "batchref must be a string, was the number 42"));

        corpus.forEach(bad -> redis.publish(bad.channel(), bad.payload()));
        redis.publish("allocate", "{\"orderid\": \"good-" + marker + "\", \"sku\": \"" + sku + "\", \"qty\": 2}");

        assertThat(nextAllocation().orderid()).isEqualTo("good-" + marker);
        // Messages of different keys are handled side by side: the last bad ones may still be on their way.
        List<Map<String, String>> deadLetters = await("a dead letter for each bad message").atMost(PATIENCE)
                .until(() -> redis.deadLettersAfter(deadLettersBefore), letters -> corpus.stream()
                        .allMatch(bad -> letters.stream().anyMatch(letter -> bad.payload().equals(letter.get("payload")))));
        for (BadMessage bad : corpus) {
            assertThat(deadLetters).as("dead letters for %s", bad.payload())
                    .filteredOn(letter -> bad.payload().equals(letter.get("payload")))
                    .isNotEmpty()
                    .allSatisfy(letter -> {
                        assertThat(letter.get("source")).isEqualTo(bad.channel());
                        assertThat(letter.get("error")).startsWith(bad.error());
                        assertThat(Instant.parse(letter.get("failed_at"))).isBefore(Instant.now().plusSeconds(1));
                    });
        }
    }

    @Test
    void subscribesAgainAfterRedisDropsTheConnection() throws InterruptedException {
        String sku = "SOFA-" + marker;
        allocation.bus().handle(CreateBatch.inWarehouse("batch-" + marker, sku, 10));
        long before = Long.parseLong(redis.connectionNamed(clientName).orElseThrow().get("id"));

        redis.kill(before);
        await("the consumer to subscribe again").atMost(PATIENCE).until(() -> redis.connectionNamed(clientName)
                .filter(connection -> Long.parseLong(connection.get("id")) != before)
                .filter(connection -> "2".equals(connection.get("sub"))), Optional::isPresent);
        redis.publish("allocate", "{\"orderid\": \"order-" + marker + "\", \"sku\": \"" + sku + "\", \"qty\": 1}");

        assertThat(nextAllocation().orderid()).isEqualTo("order-" + marker);
    }

    @Test
    void stopsCleanlyOnceTheMessageInProgressIsHandled() throws Exception {
        consumer.close();
        InMemoryProductStore store = new InMemoryProductStore();
        GatedStorage storage = new GatedStorage(store);
        MessageBus bus = Bootstrap.messageBus(storage, new LoggingNotifications(), new InMemoryEventPublisher(),
                RetryPolicy.none());
        String sku = "RUG-" + marker;
        bus.handle(CreateBatch.inWarehouse("batch-" + marker, sku, 10));
        consumer = start(bus);
        storage.hold();
        redis.publish("allocate", "{\"orderid\": \"order-" + marker + "\", \"sku\": \"" + sku + "\", \"qty\": 1}");
        assertThat(storage.awaitHeld(PATIENCE)).as("the message is being handled").isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(consumer::close);
        storage.release();
        stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(new InMemoryAllocationsView(store).allocationsFor("order-" + marker))
                .containsExactly(new Allocation(sku, "batch-" + marker));
        assertThat(redis.connectionNamed(clientName)).isEmpty();
        assertThat(redis.connectionNamed(clientName + "-dead-letters")).isEmpty();
    }

    private RedisConsumer start(MessageBus bus) {
        return RedisConsumer.start(bus, redis.client(), redis.uri(), new RedisConsumer.Options(clientName, 4, 100,
                Duration.ofSeconds(5), Duration.ofSeconds(2), StorageRetry.standard(), RedisDeadLetters.MAX_LENGTH,
                java.util.Optional.empty()));
    }

    private Allocated nextAllocation() throws InterruptedException {
        Allocated next = allocated.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(next).as("an allocation within %s", PATIENCE).isNotNull();
        return next;
    }

    private record BadMessage(String channel, String payload, String error) {
    }
}
