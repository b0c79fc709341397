package org.allocation.adapters.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's one meter registry, in the Prometheus format that {@code GET /metrics} serves. Made once in each
 * process's {@code Main} (the HTTP API's and the Redis consumer's) and handed to whatever measures something:
 * the HTTP API, {@link org.allocation.adapters.AllocationSystem#start(org.allocation.adapters.config.Settings,
 * io.micrometer.core.instrument.MeterRegistry)} (pool, bus, outbox), the consumer's streams.
 */
public final class Metrics {

    private Metrics() {
    }

    /** A registry that already measures the JVM: memory, garbage collection, threads, classes, CPU, uptime. */
    @SuppressWarnings("resource") // the GC listener lives as long as the process
    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}
