package org.allocation.consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.allocation.adapters.config.InvalidSetting;
import org.allocation.adapters.health.ServerInfo;

/**
 * What the consumer shows of itself when {@code ALLOCATION_CONSUMER_HTTP_PORT} is set: {@code /metrics} (the
 * process's registry: JVM, pool, bus, outbox, inbound messages and the streams' pending entries) and
 * {@code /health}, on a port of its own. Off by default: several consumers may run on one host, and a fixed
 * default port would stop the second one.
 */
final class ConsumerObservability implements AutoCloseable {

    static final String PORT_VARIABLE = "ALLOCATION_CONSUMER_HTTP_PORT";
    private static final long PENDING_REFRESH_SECONDS = 5;

    private final ConsumerHttp http;
    private final ScheduledExecutorService refresh;
    private final StatefulRedisConnection<String, String> connection;

    private ConsumerObservability(ConsumerHttp http, ScheduledExecutorService refresh,
                                  StatefulRedisConnection<String, String> connection) {
        this.http = http;
        this.refresh = refresh;
        this.connection = connection;
    }

    /**
     * The port to serve on, when set: 1 to 65535, or 0 for any free one.
     *
     * @throws InvalidSetting naming the variable, when it is not a port
     */
    static OptionalInt port(Map<String, String> environment) {
        String value = Optional.ofNullable(environment.get(PORT_VARIABLE)).map(String::trim).orElse("");
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidSetting(PORT_VARIABLE + " must be a port from 0 to 65535, was '"
                + (value.length() <= 20 ? value : value.substring(0, 20) + "...") + "'");
    }

    /** Starts serving, and refreshing the pending entries' gauges, on a connection of its own. */
    static ConsumerObservability start(int port, RedisClient redis, Supplier<Map<String, Boolean>> health,
                                       Supplier<Map<String, ServerInfo>> servers, PrometheusMeterRegistry metrics) {
        StatefulRedisConnection<String, String> connection = redis.connect();
        StreamPendingMetrics pending = new StreamPendingMetrics(connection, StreamConsumer.GROUP, metrics);
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consumer-metrics");
            thread.setDaemon(true);
            return thread;
        });
        refresh.scheduleWithFixedDelay(pending, 0, PENDING_REFRESH_SECONDS, TimeUnit.SECONDS);
        try {
            return new ConsumerObservability(ConsumerHttp.start(port, metrics, health, servers), refresh, connection);
        } catch (RuntimeException failed) {
            refresh.shutdownNow();
            connection.close();
            throw failed;
        }
    }

    int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        refresh.shutdownNow();
        connection.close();
    }
}
