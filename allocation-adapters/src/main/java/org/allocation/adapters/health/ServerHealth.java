package org.allocation.adapters.health;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A process's health: whether PostgreSQL and Redis each answer as a primary, asked at once on threads of its own
 * ({@code allocation-health}) and given about a second together, so that {@code /health} answers in time however
 * the servers behave. What each server answered (which one it is, its role) is kept for {@link #servers()}.
 */
public final class ServerHealth implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private final ExecutorService probes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "allocation-health");
        thread.setDaemon(true);
        return thread;
    });
    private final HealthCheck postgres;
    private final HealthCheck redis;
    private volatile Map<String, ServerInfo> lastAnswered = Map.of();

    /**
     * @param pool  the pool the process works through: its connections go to the server that is asked
     * @param redis the process's shared Redis connection, as it is now (after a failover, the new primary's)
     */
    public ServerHealth(DataSource pool, Supplier<RedisCommands<String, String>> redis) {
        this.postgres = new HealthCheck(() -> ServerProbes.postgres(pool), probes);
        this.redis = new HealthCheck(() -> ServerProbes.redis(redis.get()), probes);
    }

    /**
     * Whether each server answers as a primary: {@code {"postgres": true|false, "redis": true|false}}. Both are
     * asked at once and each gets about a second; never throws. What they answered is then {@link #servers()}.
     */
    public Map<String, Boolean> check() {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
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
     * The servers that answered the last {@link #check()}, by the same names: which one each is (after a failover,
     * the promoted one) and whether it is a primary. One that did not answer is missing.
     */
    public Map<String, ServerInfo> servers() {
        return lastAnswered;
    }

    /** Stops the probes; a check after this finds every server down. */
    @Override
    public void close() {
        probes.shutdownNow();
    }
}
