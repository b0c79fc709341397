package org.allocation.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The load both failover tests put through the system while its primary dies: {@value #ALLOCATIONS} HTTP allocations
 * on {@value #HTTP_CLIENTS} connections, each retried by its client after a 503 until it gets 201 or 409, as a client
 * of the API would, and {@value #REALLOCATIONS} {@code change_batch_quantity} stream entries that each empty a batch,
 * whose one line must then move to the product's other batch. Both are paced to last several seconds, and the kill
 * comes when a quarter of the allocations are answered.
 *
 * <p>Afterwards it reads the outcome from the database and the streams: every allocation or reallocation lost,
 * every effect doubled (a line on two batches, a batch whose allocated quantity is not the sum of its lines), every
 * answer that was not 201, 409 or 503, the {@code Allocated} events missing or repeated, and the time from the kill
 * to the first success after it.
 */
final class FailoverLoad {

    static final int ALLOCATIONS = 2_000;
    static final int REALLOCATIONS = 500;
    static final int HTTP_CLIENTS = 8;
    private static final int ALLOCATION_SKUS = 4;
    /** About how long the load lasts: allocations and stream entries come at this pace, the kill in their midst. */
    private static final Duration SPREAD = Duration.ofSeconds(8);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final AllocationSystem system;
    private final String run = Refs.randomSuffix();
    private final List<String> allocationSkus = IntStream.range(0, ALLOCATION_SKUS)
            .mapToObj(i -> "sku-failover-" + run + "-" + i).toList();
    private final ConcurrentMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    /** Order id to the nanoTime of its 201. */
    private final ConcurrentMap<String, Long> created = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> refused = new ConcurrentHashMap<>();
    /** Stream entry id to the reallocation it asks for (the index), for the entries Redis acknowledged. */
    private final ConcurrentMap<String, Integer> entries = new ConcurrentHashMap<>();
    private final AtomicLong killStarted = new AtomicLong();
    private final AtomicLong killDone = new AtomicLong();
    private final AtomicLong primaryGone = new AtomicLong();
    private final AtomicLong firstSuccessAfterKill = new AtomicLong();
    private final AtomicInteger addFailures = new AtomicInteger();
    /** The last line_allocated entry before {@link #prepare()}: the events of this run come after it. */
    private String lineAllocatedBefore;

    FailoverLoad(AllocationSystem system) {
        this.system = system;
    }

    /** The stock: big batches for the allocations, and per reallocation a product with its line on a batch of 1. */
    void prepare() throws Exception {
        lineAllocatedBefore = system.redis().lastId(LineAllocatedStream.STREAM);
        for (String sku : allocationSkus) {
            system.api().addBatch("batch-" + sku, sku, 1_000_000, null);
        }
        ExecutorService setup = Executors.newFixedThreadPool(HTTP_CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < REALLOCATIONS; i++) {
                int index = i;
                done.add(setup.submit(() -> {
                    system.api().addBatch(shrinking(index), reallocationSku(index), 1, null);
                    system.api().addBatch(spare(index), reallocationSku(index), 1, "2031-01-01");
                    system.api().allocate(reallocatedOrder(index), reallocationSku(index), 1);
                }));
            }
            for (Future<?> each : done) {
                each.get(GIVE_UP.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            setup.shutdownNow();
        }
    }

    /**
     * Runs the load, calls {@code kill} once a quarter of the allocations are answered, and returns when every
     * allocation has its final answer and every stream entry is added. The kill calls {@link #killingNow()} as the
     * primary dies and {@link #primaryGone()} once it is gone.
     */
    void runAcross(Runnable kill) throws Exception {
        ExecutorService load = Executors.newFixedThreadPool(HTTP_CLIENTS + 1);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch quarter = new CountDownLatch(ALLOCATIONS / 4);
        long pause = SPREAD.toNanos() * HTTP_CLIENTS / ALLOCATIONS;
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < HTTP_CLIENTS; client++) {
            running.add(load.submit(() -> {
                for (int i = next.getAndIncrement(); i < ALLOCATIONS; i = next.getAndIncrement()) {
                    allocateUntilAnswered(i, quarter);
                    pauseNanos(pause);
                }
            }));
        }
        running.add(load.submit(() -> {
            for (int i = 0; i < REALLOCATIONS; i++) {
                addUntilTaken(i);
                pauseNanos(SPREAD.toNanos() / REALLOCATIONS);
            }
        }));
        try {
            if (!quarter.await(GIVE_UP.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("a quarter of the allocations were not answered within " + GIVE_UP);
            }
            kill.run();
            killStarted.compareAndSet(0, System.nanoTime());
            primaryGone();
            killDone.set(System.nanoTime());
            for (Future<?> each : running) {
                each.get(2 * GIVE_UP.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            load.shutdownNow();
        }
    }

    /**
     * The kill happens now: the kill given to {@link #runAcross} calls this at the moment the primary dies, after
     * whatever it did to prepare (a replica held back). Times "after the kill" count from here.
     */
    void killingNow() {
        killStarted.compareAndSet(0, System.nanoTime());
    }

    /**
     * The old primary is gone now: a success for a request sent from here on comes from the new one, and the first
     * such is the "first success after the kill", timed from {@link #killingNow()}.
     */
    void primaryGone() {
        primaryGone.compareAndSet(0, System.nanoTime());
    }

    private void allocateUntilAnswered(int index, CountDownLatch quarter) {
        String orderid = allocationOrder(index);
        String sku = allocationSkus.get(index % ALLOCATION_SKUS);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            long sent = System.nanoTime();
            int status;
            try {
                status = system.api().postToAllocate(orderid, sku, 1).status();
            } catch (RuntimeException connectionFailed) {
                status = -1;
            }
            statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
            if (status == 201) {
                long answered = System.nanoTime();
                created.put(orderid, answered);
                quarter.countDown();
                if (primaryGone.get() != 0 && sent - primaryGone.get() > 0) {
                    firstSuccessAfterKill.compareAndSet(0, answered);
                }
                return;
            }
            if (status == 409) {
                refused.put(orderid, status);
                quarter.countDown();
                return;
            }
            pauseNanos(RETRY_PAUSE.toNanos());
        }
    }

    private void addUntilTaken(int index) {
        String payload = Json.object("batchref", shrinking(index), "qty", 0);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                entries.put(system.redis().addToStream("change_batch_quantity", payload), index);
                return;
            } catch (RuntimeException redisAway) {
                addFailures.incrementAndGet();
                pauseNanos(RETRY_PAUSE.toNanos());
            }
        }
        throw new AssertionError("Redis took no change_batch_quantity entry for " + GIVE_UP);
    }

    /**
     * Waits until the system has done what it can: no entry pending or undelivered in the group, no reallocation
     * waiting in the database, no event waiting in the outbox, and the line_allocated stream still; then reads the
     * outcome.
     */
    Outcome settle() {
        await("the system settles after the failover").atMost(GIVE_UP).until(() -> {
            try (Connection db = system.database().connect()) {
                boolean databaseIdle = count(db, "SELECT count(*) FROM pending_reallocations") == 0
                        && count(db, "SELECT count(*) FROM outbox") == 0;
                boolean streamsIdle = system.redis().pendingInGroup("change_batch_quantity") == 0
                        && system.redis().allDeliveredToGroup("change_batch_quantity");
                return databaseIdle && streamsIdle;
            }
        });
        Set<String> inStream = system.redis().idsOf("change_batch_quantity");
        try (Connection db = system.database().connect()) {
            return outcome(db, inStream);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome outcome(Connection db, Set<String> inStream) throws SQLException {
        Map<String, List<String>> batchesByOrder = batchesByOrder(db);
        List<String> lostAllocations = new ArrayList<>();
        List<String> lostAllocationsAfterKill = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        for (Map.Entry<String, Long> answered : created.entrySet()) {
            List<String> batches = batchesByOrder.getOrDefault(answered.getKey(), List.of());
            if (batches.isEmpty()) {
                lostAllocations.add(answered.getKey());
                if (answered.getValue() - killDone.get() > 0) {
                    lostAllocationsAfterKill.add(answered.getKey());
                }
            } else if (batches.size() > 1) {
                doubled.add(answered.getKey());
            }
        }
        List<String> unanswered = IntStream.range(0, ALLOCATIONS).mapToObj(FailoverLoad.this::allocationOrder)
                .filter(orderid -> !created.containsKey(orderid) && !refused.containsKey(orderid)).toList();
        List<Integer> reallocated = new ArrayList<>();
        List<Integer> changeLost = new ArrayList<>();
        List<Integer> lineLost = new ArrayList<>();
        for (int i = 0; i < REALLOCATIONS; i++) {
            List<String> batches = batchesByOrder.getOrDefault(reallocatedOrder(i), List.of());
            if (batches.size() > 1) {
                doubled.add(reallocatedOrder(i));
            } else if (batches.equals(List.of(spare(i)))) {
                reallocated.add(i);
            } else if (batches.equals(List.of(shrinking(i)))) {
                changeLost.add(i);
            } else {
                lineLost.add(i);
            }
        }
        Set<Integer> entriesRedisKept = new HashSet<>();
        entries.forEach((id, index) -> {
            if (inStream.contains(id)) {
                entriesRedisKept.add(index);
            }
        });
        List<Integer> changeLostThoughRedisKeptIt = changeLost.stream().filter(entriesRedisKept::contains).toList();
        List<String> inconsistentBatches = inconsistentBatches(db);

        // An order's line must have been announced on the batch it is on now. The events of the preparation count:
        // a change of quantity that a failover lost leaves its line where the preparation put it.
        Map<String, Integer> events = allocatedEvents();
        List<String> eventMissing = new ArrayList<>();
        for (Map.Entry<String, List<String>> order : batchesByOrder.entrySet()) {
            for (String batch : order.getValue()) {
                if (!events.containsKey(announcement(order.getKey(), batch))) {
                    eventMissing.add(order.getKey());
                }
            }
        }
        int eventDuplicates = 0;
        for (int count : events.values()) {
            eventDuplicates += Math.max(0, count - 1);
        }
        Set<String> announcedOrders = new HashSet<>();
        events.keySet().forEach(key -> announcedOrders.add(key.substring(0, key.indexOf(' '))));
        int eventsWithoutAllocation = (int) announcedOrders.stream()
                .filter(orderid -> !batchesByOrder.containsKey(orderid)).count();
        Map<Integer, Integer> answers = new TreeMap<>();
        statuses.forEach((status, times) -> answers.put(status, times.get()));
        return new Outcome(answers,
                created.size(), refused.size(), unanswered, lostAllocations, lostAllocationsAfterKill, doubled,
                reallocated.size(), changeLost, changeLostThoughRedisKeptIt, lineLost, inconsistentBatches,
                entries.size() - entriesRedisKept.size(), addFailures.get(), eventMissing, eventDuplicates,
                eventsWithoutAllocation,
                secondsSinceKill(firstSuccessAfterKill.get()), (killDone.get() - killStarted.get()) / 1e9);
    }

    /** Every order of this run (allocations and reallocations) to the batches its line is on. */
    private Map<String, List<String>> batchesByOrder(Connection db) throws SQLException {
        Map<String, List<String>> batches = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT orderid, batch_reference FROM allocations WHERE orderid LIKE ?")) {
            query.setString(1, "%-" + run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    batches.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return batches;
    }

    /** Batches of this run whose allocated quantity is not the sum of their lines: an effect counted twice. */
    private List<String> inconsistentBatches(Connection db) throws SQLException {
        List<String> inconsistent = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                SELECT b.reference FROM batches b LEFT JOIN allocations a ON a.batch_reference = b.reference
                WHERE b.reference LIKE ? GROUP BY b.reference, b.allocated_quantity, b.purchased_quantity
                HAVING b.allocated_quantity <> coalesce(sum(a.qty), 0) OR b.allocated_quantity > b.purchased_quantity
                """)) {
            query.setString(1, "%-" + run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    inconsistent.add(rows.getString(1));
                }
            }
        }
        return inconsistent;
    }

    /** Each announced allocation ({@link #announcement}) to its Allocated entries on line_allocated in this run. */
    private Map<String, Integer> allocatedEvents() {
        Map<String, Integer> counts = new HashMap<>();
        for (String data : system.redis().streamDataAfter(LineAllocatedStream.STREAM, lineAllocatedBefore)) {
            Optional<JsonNode> event = Json.tryParse(data);
            event.filter(json -> json.path("orderid").asText().contains("-" + run + "-"))
                    .ifPresent(json -> counts.merge(
                            announcement(json.path("orderid").asText(), json.path("batchref").asText()), 1,
                            Integer::sum));
        }
        return counts;
    }

    private static String announcement(String orderid, String batchref) {
        return orderid + " " + batchref;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private double secondsSinceKill(long at) {
        return at == 0 ? Double.NaN : (at - killStarted.get()) / 1e9;
    }

    private String allocationOrder(int index) {
        return "order-" + run + "-" + index;
    }

    private String reallocationSku(int index) {
        return "sku-realloc-" + run + "-" + index;
    }

    private String shrinking(int index) {
        return "batch-shrinking-" + run + "-" + index;
    }

    private String spare(int index) {
        return "batch-spare-" + run + "-" + index;
    }

    private String reallocatedOrder(int index) {
        return "order-realloc-" + run + "-" + index;
    }

    private static void pauseNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What came of the load.
     *
     * @param lostAllocations          answered 201, and no line in the database
     * @param lostAllocationsAfterKill of those, answered after the old primary was gone: never allowed
     * @param doubled                  orders whose line is on more than one batch
     * @param changeLost               reallocations whose batch change never took effect (line still on the emptied
     *                                 batch)
     * @param changeLostThoughRedisKeptIt of those, the ones whose entry is still in the stream: never allowed
     * @param lineLost                 reallocations whose line is on no batch at all: never allowed
     * @param entriesLostByRedis       stream entries Redis acknowledged and no longer holds
     * @param eventsMissing            orders whose line is on a batch that no Allocated entry of this run (the
     *                                 preparation included) names for it
     * @param eventsWithoutAllocation  orders announced on line_allocated whose line the database no longer has (the
     *                                 allocation was lost after its event went out)
     */
    record Outcome(Map<Integer, Integer> statuses, int allocated, int refused, List<String> unanswered,
                   List<String> lostAllocations, List<String> lostAllocationsAfterKill, List<String> doubled,
                   int reallocated, List<Integer> changeLost, List<Integer> changeLostThoughRedisKeptIt,
                   List<Integer> lineLost, List<String> inconsistentBatches, int entriesLostByRedis,
                   int addRetries, List<String> eventsMissing, int eventDuplicates, int eventsWithoutAllocation,
                   double firstSuccessSeconds,
                   double killSeconds) {

        /** One line for the test's output: every count, lost and doubled included. */
        String report(String what) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("HTTP answers", statuses);
            figures.put("allocations 201", allocated);
            figures.put("409", refused);
            figures.put("unanswered", unanswered.size());
            figures.put("lost allocations", lostAllocations.size());
            figures.put("lost after the kill", lostAllocationsAfterKill.size());
            figures.put("doubled", doubled.size());
            figures.put("reallocated", reallocated + "/" + REALLOCATIONS);
            figures.put("changes lost", changeLost.size());
            figures.put("lines lost", lineLost.size());
            figures.put("inconsistent batches", inconsistentBatches.size());
            figures.put("stream entries lost by Redis", entriesLostByRedis);
            figures.put("XADD retries", addRetries);
            figures.put("Allocated events missing", eventsMissing.size());
            figures.put("duplicate Allocated events", eventDuplicates);
            figures.put("Allocated events of lost allocations", eventsWithoutAllocation);
            figures.put("kill took s", String.format("%.2f", killSeconds));
            figures.put("first success after kill s", String.format("%.2f", firstSuccessSeconds));
            return "[failover] " + what + ": " + figures;
        }
    }
}
