package org.allocation.adapters;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.delivery.OutboxRelayWakeUp;
import org.allocation.adapters.delivery.OutboxRelay;
import org.allocation.adapters.delivery.ReallocationRecovery;
import org.allocation.adapters.metrics.CountingDelivery;
import org.allocation.adapters.metrics.MicrometerBusMonitor;
import org.allocation.adapters.metrics.OutboxMetrics;
import org.allocation.adapters.notifications.EmailNotifications;
import org.allocation.adapters.persistence.ConnectionPool;
import org.allocation.adapters.persistence.SqlAllocationsView;
import org.allocation.adapters.persistence.delivery.ProcessedMessages;
import org.allocation.adapters.persistence.delivery.SqlOutbox;
import org.allocation.adapters.persistence.delivery.SqlPendingReallocations;
import org.allocation.adapters.persistence.hibernate.HibernateSessions;
import org.allocation.adapters.persistence.hibernate.HibernateUnitOfWorkFactory;
import org.allocation.adapters.persistence.migrations.Migrations;
import org.allocation.adapters.persistence.sql.SqlUnitOfWorkFactory;
import org.allocation.adapters.redis.RedisClients;
import org.allocation.adapters.redis.RedisOutboundDelivery;
import org.allocation.adapters.redis.SharedRedisConnection;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.AllocationsView;
import org.allocation.service.ports.Notifications;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocation service wired to its real servers: what the HTTP process and the Redis consumer each start
 * once and close on the way out.
 *
 * <pre>{@code
 * try (AllocationSystem system = AllocationSystem.start(Settings.fromEnvironment())) {
 *     system.bus().handle(CreateBatch.inWarehouse("batch-1", "LAMP", 20));
 *     Optional<String> batchref = system.bus().handle(new Allocate("order-1", "LAMP", 2));
 *     List<Allocation> allocations = system.views().allocationsFor("order-1");
 * }
 * }</pre>
 *
 * <p>Starting migrates the database schema (safe when both processes start at once). Redis is connected on
 * first use, so a process starts while Redis is away and {@link #health()} says so.
 */
public final class AllocationSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AllocationSystem.class);
    private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(1);
    /** How stale the outbox gauges may be: one cheap query per process this often, whatever the scrapes. */
    private static final Duration OUTBOX_METRICS_REFRESH = Duration.ofSeconds(5);

    private final MessageBus bus;
    private final AllocationsView views;
    private final RedisClient redisClient;
    private final HealthCheck postgres;
    private final HealthCheck redis;
    private final Deque<AutoCloseable> resources;
    private final Runnable recoverEveryPendingReallocation;
    private volatile Map<String, ServerInfo> lastAnswered = Map.of();
    private boolean closed;

    private AllocationSystem(MessageBus bus, AllocationsView views, RedisClient redisClient, HealthCheck postgres,
                             HealthCheck redis, Deque<AutoCloseable> resources,
                             Runnable recoverEveryPendingReallocation) {
        this.recoverEveryPendingReallocation = recoverEveryPendingReallocation;
        this.bus = bus;
        this.views = views;
        this.redisClient = redisClient;
        this.postgres = postgres;
        this.redis = redis;
        this.resources = resources;
    }

    /**
     * Opens the connection pool, migrates the schema, builds the ORM and the Redis client, and wires the bus.
     *
     * @throws org.allocation.adapters.config.InvalidSetting            when a setting cannot be used, naming it
     * @throws org.allocation.service.ports.StorageUnavailable when the database cannot be reached to migrate it
     */
    public static AllocationSystem start(Settings settings) {
        // A composite of no registries: the pool reports to nobody.
        return start(settings, new CompositeMeterRegistry());
    }

    /**
     * As {@link #start(Settings)}, with metrics in {@code meters}, the registry the process exposes: the
     * connection pool's ({@code hikaricp_connections_*}, through HikariCP's own Micrometer binding), the bus's
     * ({@link MicrometerBusMonitor}) and the outbox's ({@link OutboxMetrics}, {@link CountingDelivery}).
     */
    public static AllocationSystem start(Settings settings, MeterRegistry meters) {
        log.info("Starting with {}", settings);
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            RedisClient redisClient = RedisClients.create(settings.redisUri());
            resources.push(redisClient::shutdown);
            SharedRedisConnection redisConnection = opened(resources, new SharedRedisConnection(redisClient));
            // Connecting to Redis (Netty, Lettuce: a good part of the start-up) goes on while the database is
            // checked, instead of at the first health check.
            redisConnection.openInBackground();
            try (HikariDataSource migrationPool = ConnectionPool.open(settings.dbUrl(), settings.dbUser(),
                    settings.dbPassword(), Migrations.CONNECTIONS_NEEDED)) {
                Migrations.migrate(migrationPool);
            }
            HikariDataSource pool = opened(resources, ConnectionPool.open(settings));
            pool.setMetricRegistry(meters);
            ExecutorService probes = Executors.newCachedThreadPool(daemon("allocation-health"));
            resources.push(probes::shutdownNow);

            Settings.Delivery delivery = settings.delivery();
            OutboxRelay relay = opened(resources, new OutboxRelay(new SqlOutbox(pool), new CountingDelivery(
                    new RedisOutboundDelivery(redisConnection, delivery.lineAllocatedMaxLength(),
                            settings.relayWaitReplicas()), meters),
                    OutboxRelay.Options.standard(delivery.outboxSweep())));

            // Allocated is stored in the outbox by the unit of work; "publishing" it wakes the relay.
            MessageBus bus = Bootstrap.messageBus(unitsOfWork(settings, pool, resources), notifications(settings),
                    settings.outOfStockRecipient(), new OutboxRelayWakeUp(relay, delivery.publishWait()), RetryPolicy.standard(),
                    new MicrometerBusMonitor(meters));
            relay.start();
            startOutboxMetrics(resources, pool, meters);
            Runnable recoverNow = startRecovery(resources, pool, bus, delivery);
            return new AllocationSystem(bus, new SqlAllocationsView(pool), redisClient,
                    new HealthCheck(() -> ServerProbes.postgres(pool), probes),
                    new HealthCheck(() -> ServerProbes.redis(redisConnection.get().sync()), probes),
                    resources, recoverNow);
        } catch (RuntimeException failure) {
            closeAll(resources);
            throw failure;
        }
    }

    /** Where commands go: {@code bus().handle(command)} answers once the change is committed. */
    public MessageBus bus() {
        return bus;
    }

    /** The read model: where an order's lines were allocated. */
    public AllocationsView views() {
        return views;
    }

    /** The shared Lettuce client, for opening other connections (such as pub/sub); closed by {@link #close()}. */
    public RedisClient redisClient() {
        return redisClient;
    }

    /**
     * Whether each server answers as a primary: {@code {"postgres": true|false, "redis": true|false}}. Both are
     * asked at once and each gets about a second; never throws. What they answered is then {@link #servers()}.
     */
    public Map<String, Boolean> health() {
        long deadline = System.nanoTime() + HEALTH_DEADLINE.toNanos();
        CompletableFuture<Optional<ServerInfo>> postgresUp = postgres.start();
        CompletableFuture<Optional<ServerInfo>> redisUp = redis.start();
        Map<String, ServerInfo> answered = new LinkedHashMap<>();
        HealthCheck.answer(postgresUp, deadline).ifPresent(server -> answered.put("postgres", server));
        HealthCheck.answer(redisUp, deadline).ifPresent(server -> answered.put("redis", server));
        lastAnswered = Map.copyOf(answered);
        Map<String, Boolean> health = new LinkedHashMap<>();
        health.put("postgres", answered.containsKey("postgres") && answered.get("postgres").primary());
        health.put("redis", answered.containsKey("redis") && answered.get("redis").primary());
        return health;
    }

    /**
     * The servers that answered the last {@link #health()}, by the same names: which one each is (after a failover,
     * the promoted one) and whether it is a primary. One that did not answer is missing.
     */
    public Map<String, ServerInfo> servers() {
        return lastAnswered;
    }

    /**
     * Redoes every reallocation not yet committed, however recent, once and soon (on the recovery's thread):
     * for a consumer that has just taken over from a dead one, whose unfinished reallocations would otherwise
     * wait for {@code ALLOCATION_REALLOCATION_RECOVERY_MS}. One still under way in a live process is only done
     * twice, which changes nothing: allocating an allocated line records nothing.
     */
    public void recoverEveryPendingReallocation() {
        recoverEveryPendingReallocation.run();
    }

    /** Closes the Redis connections, the ORM and the pool. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeAll(resources);
        }
    }

    /** The outbox's backlog gauges, refreshed on a thread of their own; none when nobody reads the meters. */
    /** Hibernate boots only when chosen: it is most of the start-up time otherwise. */
    private static UnitOfWorkFactory unitsOfWork(Settings settings, HikariDataSource pool,
                                                 Deque<AutoCloseable> resources) {
        return switch (settings.persistence()) {
            case SQL -> new SqlUnitOfWorkFactory(pool);
            case HIBERNATE -> new HibernateUnitOfWorkFactory(opened(resources, HibernateSessions.build(pool)));
        };
    }

    private static void startOutboxMetrics(Deque<AutoCloseable> resources, HikariDataSource pool,
                                           MeterRegistry meters) {
        if (meters instanceof CompositeMeterRegistry composite && composite.getRegistries().isEmpty()) {
            return;
        }
        OutboxMetrics outbox = new OutboxMetrics(pool, meters);
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(daemon("allocation-metrics"));
        resources.push(refresh::shutdownNow);
        refresh.scheduleWithFixedDelay(outbox, 0, OUTBOX_METRICS_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Redoes reallocations that a dead process left unfinished, and forgets old processed message ids.
     *
     * @return what runs one recovery of every pending reallocation, whatever its age, on the same thread
     */
    private static Runnable startRecovery(Deque<AutoCloseable> resources, HikariDataSource pool, MessageBus bus,
                                          Settings.Delivery delivery) {
        ScheduledExecutorService recovery = Executors.newSingleThreadScheduledExecutor(daemon("allocation-recovery"));
        resources.push(recovery::shutdownNow);
        long every = delivery.reallocationRecovery().toMillis();
        recovery.scheduleWithFixedDelay(new ReallocationRecovery(new SqlPendingReallocations(pool), bus,
                delivery.reallocationRecovery()), every, every, TimeUnit.MILLISECONDS);
        ProcessedMessages processed = new ProcessedMessages(pool, delivery.processedRetention());
        recovery.scheduleWithFixedDelay(() -> {
            try {
                processed.prune();
            } catch (RuntimeException failure) {
                log.warn("Pruning processed message ids failed: {}", failure.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
        ReallocationRecovery everyPending = new ReallocationRecovery(new SqlPendingReallocations(pool), bus,
                Duration.ZERO);
        return () -> recovery.execute(everyPending);
    }

    private static Notifications notifications(Settings settings) {
        return settings.smtp().<Notifications>map(EmailNotifications::new).orElseGet(LoggingNotifications::new);
    }

    private static <T extends AutoCloseable> T opened(Deque<AutoCloseable> resources, T resource) {
        resources.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception failure) {
                log.warn("Closing {} failed", resource, failure);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
