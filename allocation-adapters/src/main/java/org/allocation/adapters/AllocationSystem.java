package org.allocation.adapters;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.delivery.OutboxRelay;
import org.allocation.adapters.delivery.OutboxRelayWakeUp;
import org.allocation.adapters.health.ServerHealth;
import org.allocation.adapters.health.ServerInfo;
import org.allocation.adapters.metrics.CountingDelivery;
import org.allocation.adapters.metrics.MicrometerBusMonitor;
import org.allocation.adapters.metrics.OutboxMetrics;
import org.allocation.adapters.notifications.EmailNotifications;
import org.allocation.adapters.persistence.ConnectionPool;
import org.allocation.adapters.persistence.SqlAllocationsView;
import org.allocation.adapters.persistence.delivery.SqlOutbox;
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
import org.allocation.service.ports.EventPublisher;
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

    private final MessageBus bus;
    private final AllocationsView views;
    private final RedisClient redisClient;
    private final ServerHealth health;
    private final BackgroundJobs jobs;
    private final Resources resources;

    private AllocationSystem(MessageBus bus, AllocationsView views, RedisClient redisClient, ServerHealth health,
                             BackgroundJobs jobs, Resources resources) {
        this.bus = bus;
        this.views = views;
        this.redisClient = redisClient;
        this.health = health;
        this.jobs = jobs;
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
     *
     * <p>Each resource is opened after those it uses and closed before them, also when a later one fails to open.
     */
    public static AllocationSystem start(Settings settings, MeterRegistry meters) {
        log.info("Starting with {}", settings);
        Settings.Delivery delivery = settings.delivery();
        Resources resources = new Resources();
        try {
            // Redis first, connecting in the background (Netty, Lettuce: a good part of the start-up) while the
            // database is migrated. A process starts while Redis is away, and its health says so.
            RedisClient redisClient = RedisClients.create(settings.redisUri());
            resources.add(redisClient::shutdown);
            SharedRedisConnection redis = resources.add(new SharedRedisConnection(redisClient));
            redis.openInBackground();

            // The schema, on a small pool of its own that closes at once; then the pool the process works through.
            try (HikariDataSource migrationPool = ConnectionPool.open(settings.dbUrl(), settings.dbUser(),
                    settings.dbPassword(), Migrations.CONNECTIONS_NEEDED)) {
                Migrations.migrate(migrationPool);
            }
            HikariDataSource pool = resources.add(ConnectionPool.open(settings));
            pool.setMetricRegistry(meters);

            // The outbox relay takes what the units of work stored in the outbox to Redis; the bus's publisher
            // only wakes it (and waits for it, up to ALLOCATION_PUBLISH_WAIT_MS).
            OutboxRelay relay = resources.add(new OutboxRelay(new SqlOutbox(pool),
                    new CountingDelivery(new RedisOutboundDelivery(redis, delivery.lineAllocatedMaxLength(),
                            settings.relayWaitReplicas()), meters),
                    OutboxRelay.Options.standard(delivery.outboxSweep())));
            EventPublisher publisher = new OutboxRelayWakeUp(relay, delivery.publishWait());

            // The service layer's bus, on these ports: Bootstrap holds which handler does what.
            MessageBus bus = Bootstrap.messageBus(unitsOfWork(settings, pool, resources), notifications(settings),
                    settings.outOfStockRecipient(), publisher, RetryPolicy.standard(),
                    new MicrometerBusMonitor(meters));

            // The threads start once everything is wired: a start that failed above leaves nothing running.
            relay.start();
            BackgroundJobs jobs = resources.add(BackgroundJobs.start(pool, bus, delivery, meters));
            ServerHealth health = resources.add(new ServerHealth(pool, () -> redis.get().sync()));
            return new AllocationSystem(bus, new SqlAllocationsView(pool), redisClient, health, jobs, resources);
        } catch (RuntimeException failure) {
            resources.close();
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
        return health.check();
    }

    /**
     * The servers that answered the last {@link #health()}, by the same names: which one each is (after a failover,
     * the promoted one) and whether it is a primary. One that did not answer is missing.
     */
    public Map<String, ServerInfo> servers() {
        return health.servers();
    }

    /**
     * Redoes every reallocation not yet committed, however recent, once and soon (on the recovery's thread):
     * for a consumer that has just taken over from a dead one, whose unfinished reallocations would otherwise
     * wait for {@code ALLOCATION_REALLOCATION_RECOVERY_MS}. One still under way in a live process is only done
     * twice, which changes nothing: allocating an allocated line records nothing.
     */
    public void recoverEveryPendingReallocation() {
        jobs.recoverEveryPendingReallocation();
    }

    /**
     * Stops the health probes, the background jobs and the relay, then closes the ORM, the pool and the Redis
     * connections. Safe to call more than once.
     */
    @Override
    public void close() {
        resources.close();
    }

    /** Hibernate boots only when chosen: it is most of the start-up time otherwise. */
    private static UnitOfWorkFactory unitsOfWork(Settings settings, HikariDataSource pool, Resources resources) {
        return switch (settings.persistence()) {
            case SQL -> new SqlUnitOfWorkFactory(pool);
            case HIBERNATE -> new HibernateUnitOfWorkFactory(resources.add(HibernateSessions.build(pool)));
        };
    }

    private static Notifications notifications(Settings settings) {
        return settings.smtp().<Notifications>map(EmailNotifications::new).orElseGet(LoggingNotifications::new);
    }
}
