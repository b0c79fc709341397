package org.allocation.consumer;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code allocation_stream_entries_pending{stream}}: entries of each inbound stream delivered to the group
 * {@code allocation} and not yet acknowledged, from the {@code XPENDING} summary. Refreshed every few seconds
 * ({@link #run()}, on a schedule), so a scrape never asks Redis; NaN while Redis cannot answer.
 */
final class StreamPendingMetrics implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StreamPendingMetrics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final StatefulRedisConnection<String, String> connection;
    private final String group;
    private final Map<String, AtomicReference<Double>> pending = new ConcurrentHashMap<>();

    /** @param connection used for nothing else: a slow answer must not hold up another user */
    StreamPendingMetrics(StatefulRedisConnection<String, String> connection, String group, MeterRegistry registry) {
        this.connection = connection;
        this.group = group;
        for (String stream : InboundChannel.channelNames()) {
            AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
            pending.put(stream, value);
            Gauge.builder("allocation.stream.entries.pending", value, AtomicReference::get)
                    .description("Entries delivered to the consumer group and not yet acknowledged "
                            + "(refreshed every few seconds)")
                    .tag("stream", stream)
                    .register(registry);
        }
    }

    @Override
    public void run() {
        pending.forEach((stream, value) -> value.set(read(stream)));
    }

    private double read(String stream) {
        try {
            return connection.async().xpending(stream, group).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getCount();
        } catch (ExecutionException | TimeoutException | RedisException failure) {
            // NOGROUP before the consumer created the group, or Redis away: unknown.
            log.debug("XPENDING {} failed: {}", stream, failure.toString());
            return Double.NaN;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }
}
