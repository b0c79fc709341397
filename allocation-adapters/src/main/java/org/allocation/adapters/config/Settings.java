package org.allocation.adapters.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the processes can be told, read from environment variables (the README's configuration table
 * lists them with their defaults). Built once at start-up; a missing or malformed value throws
 * {@link InvalidSetting} naming the variable.
 *
 * <p>{@link #toString()} never shows a password or a token.
 *
 * @param relayWaitReplicas how many Redis replicas must have the events the outbox relay sent ({@code WAIT})
 *                          before it deletes them; 0: Redis's acknowledgement is enough
 */
public record Settings(
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Persistence persistence,
        URI redisUri,
        int httpPort,
        Optional<String> apiToken,
        Optional<Smtp> smtp,
        String outOfStockRecipient,
        Delivery delivery,
        int relayWaitReplicas) {

    /**
     * Sixteen consumer workers and the two connections the outbox relay and the recovery take: on two cores the
     * consumer handled 8 messages at once at 1,330 reallocations/s and 16 at about 1,450/s (the commits of more
     * transactions share a disk flush); the HTTP process measured the same with 10 or 18.
     */
    private static final int DEFAULT_POOL_SIZE = 18;

    private static final String REDIS_URL_FORMS = "redis://[:password@]host:port[/db] (rediss:// for TLS), or "
            + "redis-sentinel://[:password@]host:port[,host:port...][/db]#<master name> for a primary that Sentinel "
            + "watches";

    /**
     * How messages are delivered reliably (the README's "Delivery guarantees").
     *
     * @param lineAllocatedMaxLength about how many entries the {@code line_allocated} stream keeps
     * @param deadLetterMaxLength    about how many entries the {@code dead_letter} stream keeps
     * @param outboxSweep            how often the outbox is relayed without a nudge (after a crash or outage)
     * @param publishWait            how long the handling of a message waits for its events to be relayed
     *                               before it ends (an HTTP answer is sent after its events); zero: no wait
     * @param claimIdle              how long an inbound entry may stay unacknowledged before another consumer
     *                               takes it over
     * @param maxDeliveries          deliveries of one inbound entry before it is dead-lettered
     * @param reallocationRecovery   how old an unfinished reallocation must be before the recovery redoes it
     *                               (and how often it looks)
     * @param processedRetention     how long the ids of handled inbound entries are kept
     * @param consumerName           this process's name in the consumer group, unique per process
     * @param consumerWorkers        how many inbound messages the consumer handles at once, per path (pub/sub,
     *                               streams); by default two fewer than the pool's connections, which leaves
     *                               the outbox relay and the recovery theirs
     * @param leaseCheck             how often a standby consumer tries for the consumer lease, and the active
     *                               one confirms it holds it
     * @param leaseTimeout           how long the database keeps the lease of an active consumer it no longer
     *                               hears from (its host vanished without closing the connection)
     */
    public record Delivery(int lineAllocatedMaxLength, int deadLetterMaxLength, Duration outboxSweep,
                           Duration publishWait, Duration claimIdle, int maxDeliveries, Duration reallocationRecovery,
                           Duration processedRetention, String consumerName, int consumerWorkers,
                           Duration leaseCheck, Duration leaseTimeout) {

        /** The same, with handling that only wakes the relay instead of waiting for it. */
        public Delivery withoutPublishWait() {
            return new Delivery(lineAllocatedMaxLength, deadLetterMaxLength, outboxSweep, Duration.ZERO, claimIdle,
                    maxDeliveries, reallocationRecovery, processedRetention, consumerName, consumerWorkers,
                    leaseCheck, leaseTimeout);
        }
    }

    /** Where out-of-stock e-mails go out, when an SMTP host is configured. */
    public record Smtp(String host, int port, Optional<String> user, Optional<String> password, String from,
                       boolean startTls) {

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", user " + user.orElse("-") + ", from " + from
                    + ", startTls " + startTls + "]";
        }
    }

    /**
     * The same, for a process that answers no one (the Redis consumer): waiting for the relay after each
     * message would only slow it down, since its events go out right after anyway.
     */
    public Settings withoutPublishWait() {
        return new Settings(dbUrl, dbUser, dbPassword, dbPoolSize, persistence, redisUri, httpPort, apiToken, smtp,
                outOfStockRecipient, delivery.withoutPublishWait(), relayWaitReplicas);
    }

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return new Settings(
                env.parsed("ALLOCATION_DB_URL", "jdbc:postgresql://127.0.0.1:5432/allocation", Settings::jdbcUrl),
                env.string("ALLOCATION_DB_USER", "allocation"),
                env.optional("ALLOCATION_DB_PASSWORD").orElse(""),
                env.integer("ALLOCATION_DB_POOL_SIZE", DEFAULT_POOL_SIZE, 1, 200),
                env.parsed("ALLOCATION_PERSISTENCE", "sql", Persistence::parse),
                env.parsed("ALLOCATION_REDIS_URL", "redis://127.0.0.1:6379", Settings::redisUri),
                env.integer("ALLOCATION_HTTP_PORT", 8080, 0, 65535),
                env.optional("ALLOCATION_API_TOKEN"),
                smtp(env),
                env.string("ALLOCATION_OUT_OF_STOCK_RECIPIENT", "stock@made.com"),
                delivery(env),
                env.integer("ALLOCATION_RELAY_WAIT_REPLICAS", 0, 0, 16));
    }

    private static Delivery delivery(Environment env) {
        int poolSize = env.integer("ALLOCATION_DB_POOL_SIZE", DEFAULT_POOL_SIZE, 1, 200);
        Duration leaseCheck = Duration.ofMillis(env.integer("ALLOCATION_CONSUMER_LEASE_CHECK_MS", 1_000, 100, 60_000));
        Duration leaseTimeout = Duration.ofMillis(env.integer("ALLOCATION_CONSUMER_LEASE_TIMEOUT_MS", 10_000, 1_000,
                3_600_000));
        if (leaseTimeout.compareTo(leaseCheck.multipliedBy(3)) < 0) {
            // The holder confirms every check and steps down after half the timeout without an answer.
            throw new InvalidSetting("ALLOCATION_CONSUMER_LEASE_TIMEOUT_MS must be at least three times "
                    + "ALLOCATION_CONSUMER_LEASE_CHECK_MS, was " + leaseTimeout.toMillis() + " against "
                    + leaseCheck.toMillis());
        }
        return new Delivery(
                env.integer("ALLOCATION_LINE_ALLOCATED_MAXLEN", 1_000_000, 1_000, Integer.MAX_VALUE),
                env.integer("ALLOCATION_DEAD_LETTER_MAXLEN", 100_000, 1_000, Integer.MAX_VALUE),
                Duration.ofMillis(env.integer("ALLOCATION_OUTBOX_SWEEP_MS", 1_000, 10, 3_600_000)),
                Duration.ofMillis(env.integer("ALLOCATION_PUBLISH_WAIT_MS", 100, 0, 10_000)),
                Duration.ofMillis(env.integer("ALLOCATION_STREAM_CLAIM_IDLE_MS", 60_000, 100, 86_400_000)),
                env.integer("ALLOCATION_STREAM_MAX_DELIVERIES", 5, 1, 1_000),
                Duration.ofMillis(env.integer("ALLOCATION_REALLOCATION_RECOVERY_MS", 10_000, 100, 3_600_000)),
                Duration.ofHours(env.integer("ALLOCATION_PROCESSED_MESSAGES_RETENTION_HOURS", 168, 1, 87_600)),
                env.string("ALLOCATION_CONSUMER_NAME", defaultConsumerName()),
                env.integer("ALLOCATION_CONSUMER_WORKERS", Math.max(1, poolSize - 2), 1, 200),
                leaseCheck,
                leaseTimeout);
    }

    /** The host and the process id: unique per running process, and telling in XINFO CONSUMERS. */
    private static String defaultConsumerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException unknown) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static Optional<Smtp> smtp(Environment env) {
        return env.optional("ALLOCATION_SMTP_HOST").map(host -> new Smtp(
                host,
                env.integer("ALLOCATION_SMTP_PORT", 25, 1, 65535),
                env.optional("ALLOCATION_SMTP_USER"),
                env.optional("ALLOCATION_SMTP_PASSWORD"),
                env.string("ALLOCATION_SMTP_FROM", "allocation@localhost"),
                Boolean.parseBoolean(env.string("ALLOCATION_SMTP_STARTTLS", "false"))));
    }

    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new InvalidSetting("ALLOCATION_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), was '"
                    + withoutSecrets(value) + "'");
        }
        return value;
    }

    private static URI redisUri(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidSetting("ALLOCATION_REDIS_URL is not a URL: " + REDIS_URL_FORMS + " expected");
        }
        String scheme = String.valueOf(uri.getScheme());
        boolean sentinel = scheme.equals("redis-sentinel") || scheme.equals("rediss-sentinel");
        boolean server = scheme.equals("redis") || scheme.equals("rediss");
        if (server && uri.getHost() == null || sentinel && uri.getRawAuthority() == null || !server && !sentinel) {
            throw new InvalidSetting("ALLOCATION_REDIS_URL must look like " + REDIS_URL_FORMS + ", was '"
                    + withoutSecrets(value) + "'");
        }
        if (sentinel && (uri.getFragment() == null || uri.getFragment().isBlank())) {
            throw new InvalidSetting("ALLOCATION_REDIS_URL names Sentinel but not the primary it watches: add "
                    + "#<master name>, as in redis-sentinel://host:26379,host:26380/0#mymaster; was '"
                    + withoutSecrets(value) + "'");
        }
        return uri;
    }

    /** A URL as it may be shown: without its user information or password parameter. */
    static String withoutSecrets(String url) {
        return url.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "Settings[db " + withoutSecrets(dbUrl) + " as " + dbUser + ", pool " + dbPoolSize
                + ", persistence " + persistence.name().toLowerCase(java.util.Locale.ROOT)
                + ", redis " + withoutSecrets(redisUri.toString()) + ", http port " + httpPort
                + ", api token " + (apiToken.isPresent() ? "set" : "not set")
                + ", smtp " + smtp.map(Smtp::toString).orElse("off")
                + ", out-of-stock recipient " + outOfStockRecipient + ", " + delivery
                + ", relay waits for " + relayWaitReplicas + " Redis replicas]";
    }
}
