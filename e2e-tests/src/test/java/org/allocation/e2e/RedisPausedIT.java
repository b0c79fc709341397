package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis holds every write ({@code CLIENT PAUSE ... WRITE}) during a burst of HTTP allocations: the API does not
 * need Redis to answer, so every request succeeds, and the outbox brings every {@code Allocated} to the stream
 * once Redis takes writes again. The pause is kept short: it holds every client of this Redis server.
 */
@ExtendWith(AllocationSystemExtension.class)
class RedisPausedIT {

    private static final int ORDERS = 600;
    private static final int CONNECTIONS = 8;
    private static final Duration PAUSE = Duration.ofMillis(1_500);

    @Test
    void everyAllocationSucceedsAndReachesTheStreamAfterThePause(ApiClient api, RedisChannels redis)
            throws Exception {
        String sku = randomSku("paused");
        api.addBatch(randomBatchRef("paused"), sku, ORDERS, null);
        String streamBefore = redis.lastId(LineAllocatedStream.STREAM);
        List<String> orders = IntStream.range(0, ORDERS).mapToObj(i -> sku + "-order-" + i).toList();
        CountDownLatch warmedUp = new CountDownLatch(50);
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        long started = System.nanoTime();

        List<Future<Integer>> statuses = orders.stream().map(orderid -> clients.submit(() -> {
            int status = api.postToAllocate(orderid, sku, 1).status();
            warmedUp.countDown();
            return status;
        })).toList();
        assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();
        redis.pauseWrites(PAUSE);
        long pausedAt = System.nanoTime();
        int answeredBeforePause = (int) statuses.stream().filter(Future::isDone).count();
        List<Integer> answers = statuses.stream().map(RedisPausedIT::get).toList();
        long answeredAt = System.nanoTime();
        clients.shutdown();

        assertThat(answers).as("every allocation answered 201").allMatch(status -> status == 201);
        Map<String, Integer> counts = await("all " + ORDERS + " orders on " + LineAllocatedStream.STREAM)
                .atMost(Duration.ofSeconds(30))
                .until(() -> LineAllocatedStream.countsPerOrder(redis, streamBefore, sku),
                        found -> found.size() >= ORDERS);
        long onStreamAt = System.nanoTime();
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        System.out.printf("[fault] CLIENT PAUSE %d ms WRITE: %d allocations over %d connections, %d answered after "
                        + "the pause began, all 201 within %.2f s of the first; every Allocated on the stream %.2f s "
                        + "after the pause began; lost 0, duplicate line_allocated entries %d%n", PAUSE.toMillis(),
                ORDERS, CONNECTIONS, ORDERS - answeredBeforePause, (answeredAt - started) / 1e9,
                (onStreamAt - pausedAt) / 1e9, LineAllocatedStream.duplicates(counts));
    }

    private static int get(Future<Integer> status) {
        try {
            return status.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("an allocation failed: " + e, e);
        }
    }
}
