package org.allocation.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system under test as it is deployed: the HTTP API and the Redis consumer as two OS processes started from
 * their jars with the shipped defaults, sharing a database created for this run and the Redis server. Ready when
 * the API answers {@code /health} with UP and the consumer has subscribed to its channels. A test may start more
 * consumer processes (standbys, with the same configuration) and kill any; {@link #backToOneConsumer()} leaves
 * the system as it started. Closing it stops every process (SIGTERM, then a kill after a bounded wait) and drops
 * the database; a shutdown hook does the same when the JVM ends early. The logs stay, in
 * {@link E2eSettings#logDirectory()}.
 */
final class AllocationSystem implements AutoCloseable {

    static final String HTTP = "allocation-http";
    static final String CONSUMER = "allocation-redis-consumer";
    static final String[] INBOUND_CHANNELS = {"allocate", "change_batch_quantity"};
    /** What a consumer process logs when it becomes the active one, and when it stops being it. */
    private static final String HOLDING_THE_LEASE = "Holding the consumer lease";
    private static final String LOST_THE_LEASE = "Lost the consumer lease";
    private static final String STANDING_BY = "Standing by until this consumer holds the lease";

    private final E2eSettings settings;
    private final Map<String, String> changedSettings;
    private final List<ServiceProcess> processes = new ArrayList<>();
    /** Stops the processes and removes the run's data once: at {@link #close()}, or when the test JVM exits. */
    private final Teardown teardown = Teardown.atExit("e2e-stop-processes", this::stop);
    private RedisChannels redis;
    private TestDatabase database;
    private Map<String, String> environment;
    private int consumerStarts = 1;
    private ApiClient api;
    private int consumerPort;
    private final Map<ServiceProcess, Integer> consumerPorts = new java.util.HashMap<>();

    private AllocationSystem(E2eSettings settings, Map<String, String> changedSettings) {
        this.settings = settings;
        this.changedSettings = changedSettings;
    }

    static AllocationSystem start(E2eSettings settings) {
        return start(settings, Map.of());
    }

    /** With every setting as shipped but the servers: what the failover tests hold to their targets. */
    static AllocationSystem startAsShipped(E2eSettings settings) {
        return start(settings, Map.of());
    }

    /** With every setting as shipped but the servers and {@code changedSettings}. */
    static AllocationSystem start(E2eSettings settings, Map<String, String> changedSettings) {
        requireJar(settings.httpJar(), HTTP);
        requireJar(settings.consumerJar(), CONSUMER);
        AllocationSystem system = new AllocationSystem(settings, changedSettings);
        try {
            system.startProcesses();
            return system;
        } catch (RuntimeException | AssertionError e) {
            system.close();
            throw new IllegalStateException(e.getMessage() + system.logTails(), e);
        }
    }

    ApiClient api() {
        return api;
    }

    RedisChannels redis() {
        return redis;
    }

    /** The consumer's own /health, held against the same document as the API's. */
    ApiClient consumerApi() {
        return new ApiClient(consumerUri());
    }

    /** The consumer's own port: /metrics and /health. */
    URI consumerUri() {
        return URI.create("http://127.0.0.1:" + consumerPort);
    }

    /** The run's database, for arranging what the API would take too long to build (a long history). */
    TestDatabase database() {
        return database;
    }

    E2eSettings settings() {
        return settings;
    }

    ServiceProcess http() {
        return processes.get(0);
    }

    ServiceProcess consumer() {
        return processes.get(1);
    }

    /** Every consumer process started and not stopped by {@link #backToOneConsumer()}, dead ones included. */
    List<ServiceProcess> consumers() {
        return List.copyOf(processes.subList(1, processes.size()));
    }

    /** A consumer's own port: /metrics and /health. */
    URI metricsOf(ServiceProcess consumer) {
        return URI.create("http://127.0.0.1:" + consumerPorts.get(consumer));
    }

    List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    private void startProcesses() {
        redis = RedisChannels.connect(settings.redisUrl());
        database = TestDatabase.create(settings.dbAdminUrl(), settings.dbUser(), settings.dbPassword());
        List<Integer> ports = LocalServers.freePorts(2);
        int port = ports.get(0);
        api = new ApiClient(URI.create("http://127.0.0.1:" + port));
        consumerPort = ports.get(1);
        // Other engineers' consumers may share this Redis server: ours is ready when the count goes up.
        Map<String, Long> subscribersBefore = redis.subscriberCounts(INBOUND_CHANNELS);
        Map<String, String> variables = new HashMap<>(Map.of(
                "ALLOCATION_DB_URL", database.jdbcUrl(),
                "ALLOCATION_DB_USER", database.user(),
                "ALLOCATION_DB_PASSWORD", database.password(),
                "ALLOCATION_REDIS_URL", settings.redisUrl(),
                "ALLOCATION_HTTP_PORT", Integer.toString(port),
                "ALLOCATION_CONSUMER_HTTP_PORT", Integer.toString(consumerPort)));
        // ALLOCATION_PERSISTENCE: only the run that puts the Hibernate adapter behind the processes sets it.
        settings.persistence().ifPresent(persistence -> variables.put("ALLOCATION_PERSISTENCE", persistence));
        variables.putAll(changedSettings);
        environment = Map.copyOf(variables);
        createLogDirectory();
        processes.add(ServiceProcess.start(HTTP, settings.httpJar(), environment, settings.logDirectory()));
        processes.add(ServiceProcess.start(CONSUMER, settings.consumerJar(), environment, settings.logDirectory()));
        consumerPorts.put(consumer(), consumerPort);
        System.out.printf("[e2e] %s on %s and %s, with database %s and Redis %s; logs in %s%n", HTTP,
                api.baseUri(), CONSUMER, database.name(), settings.redisUrl().replaceFirst("//[^@/]*@", "//***@"),
                settings.logDirectory().toAbsolutePath().normalize());

        await(HTTP + " answers GET /health with UP").atMost(settings.startupTimeout())
                .failFast(() -> processes.forEach(ServiceProcess::assertAlive))
                .until(() -> api.send("GET", "/health", null),
                        health -> health.status() == 200 && "UP".equals(health.json().path("status").asText()));
        await(CONSUMER + " subscribes to " + String.join(" and ", INBOUND_CHANNELS))
                .atMost(settings.startupTimeout())
                .failFast(() -> processes.forEach(ServiceProcess::assertAlive))
                .until(() -> redis.subscriberCounts(INBOUND_CHANNELS), subscribers -> subscribersBefore.entrySet()
                        .stream().allMatch(before -> subscribers.getOrDefault(before.getKey(), 0L) > before.getValue()));
        settings.persistence().ifPresent(this::assertBothProcessesUse);
    }

    /**
     * Each process logs its settings as it starts: a run meant to prove another adapter must not pass on the
     * default one because the setting went astray.
     */
    private void assertBothProcessesUse(String persistence) {
        String chosen = ", persistence " + persistence + ",";
        for (ServiceProcess process : processes) {
            boolean logged = process.logLines().stream()
                    .anyMatch(line -> line.contains("Starting with") && line.contains(chosen));
            if (!logged) {
                throw new AssertionError(process.name() + " did not start with persistence " + persistence);
            }
        }
    }

    /** Kills the consumer process with SIGKILL: no shutdown hook runs, nothing is acknowledged or flushed. */
    void killConsumer() {
        consumer().kill();
    }

    /**
     * Starts the consumer process again (its log gets a new name) and waits until it reads the streams.
     *
     * @return when it was started
     */
    long startConsumerAgain() {
        consumerStarts++;
        long started = System.nanoTime();
        ServiceProcess restarted = ServiceProcess.start(CONSUMER + "-" + consumerStarts, settings.consumerJar(),
                environment, settings.logDirectory());
        processes.set(1, restarted);
        consumerPorts.put(restarted, consumerPort);
        await(CONSUMER + " reads the streams again").atMost(settings.startupTimeout()).failFast(restarted::assertAlive)
                .until(() -> restarted.logLines().stream().anyMatch(line -> line.contains("Reading streams")));
        return started;
    }

    /**
     * Starts one more consumer process with the same configuration (and a metrics port of its own), as an
     * operator scales the consumers out, and waits until it stands by.
     */
    ServiceProcess startAnotherConsumer() {
        consumerStarts++;
        int port = LocalServers.freePorts(1).get(0);
        Map<String, String> own = new java.util.HashMap<>(environment);
        own.put("ALLOCATION_CONSUMER_HTTP_PORT", Integer.toString(port));
        ServiceProcess another = ServiceProcess.start(CONSUMER + "-" + consumerStarts, settings.consumerJar(), own,
                settings.logDirectory());
        processes.add(another);
        consumerPorts.put(another, port);
        await(another.name() + " stands by").atMost(settings.startupTimeout()).failFast(another::assertAlive)
                .until(() -> another.logLines().stream().anyMatch(line -> line.contains(STANDING_BY)));
        return another;
    }

    /** The one consumer process that holds the lease, once exactly one live consumer does. */
    ServiceProcess awaitActiveConsumer(java.time.Duration timeout) {
        return await("one consumer process holds the lease").atMost(timeout)
                .until(() -> consumers().stream().filter(ServiceProcess::isAlive)
                        .filter(AllocationSystem::holdsTheLease).toList(), active -> active.size() == 1)
                .get(0);
    }

    /** When a consumer last logged that it holds the lease (its log lines begin with an ISO-8601 instant). */
    static java.time.Instant leaseTakenAt(ServiceProcess consumer) {
        List<String> lines = consumer.logLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(HOLDING_THE_LEASE)) {
                return java.time.Instant.parse(lines.get(i).substring(0, lines.get(i).indexOf(' ')));
            }
        }
        throw new AssertionError(consumer.name() + " never held the lease");
    }

    /** Whether the last word of a consumer's log on the lease is that it holds it. */
    static boolean holdsTheLease(ServiceProcess consumer) {
        List<String> lines = consumer.logLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(HOLDING_THE_LEASE)) {
                return true;
            }
            if (lines.get(i).contains(LOST_THE_LEASE)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Stops the consumers a test started, starts the first one again if a test killed it, and waits until it is
     * the active one: the system as the next test expects it.
     */
    void backToOneConsumer() {
        List<ServiceProcess> others = processes.subList(2, processes.size());
        others.forEach(ServiceProcess::requestStop);
        others.forEach(ServiceProcess::awaitStop);
        others.forEach(consumerPorts::remove);
        others.clear();
        if (!consumer().isAlive()) {
            startConsumerAgain();
        }
        await(consumer().name() + " holds the lease").atMost(settings.startupTimeout())
                .failFast(() -> consumer().assertAlive()).until(() -> holdsTheLease(consumer()));
    }

    /** Stops both processes, closes the Redis connection and drops the database. Safe to call twice. */
    @Override
    public void close() {
        teardown.close();
    }

    private void stop() {
        processes.forEach(ServiceProcess::requestStop);
        processes.forEach(ServiceProcess::awaitStop);
        if (redis != null) {
            try {
                redis.deleteStreams();
            } catch (RuntimeException e) {
                System.err.println("[e2e] could not delete the run's streams: " + e.getMessage());
            }
            redis.close();
        }
        if (database != null) {
            try {
                database.close();
            } catch (RuntimeException e) {
                System.err.println("[e2e] " + e.getMessage());
            }
        }
    }

    private String logTails() {
        StringBuilder tails = new StringBuilder();
        for (ServiceProcess process : processes) {
            tails.append("\n--- ").append(process.log().toAbsolutePath().normalize()).append(" ends with ---\n")
                    .append(process.tail(40));
        }
        return tails.toString();
    }

    private void createLogDirectory() {
        try {
            Files.createDirectories(settings.logDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireJar(java.nio.file.Path jar, String module) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The " + module + " jar is missing: " + jar.toAbsolutePath().normalize()
                    + ". Build it first (mvn -DskipTests package -pl " + module + " -am), or run mvn verify from"
                    + " the repository root, which packages it before this suite runs.");
        }
    }
}
