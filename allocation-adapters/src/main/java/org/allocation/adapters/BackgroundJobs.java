package org.allocation.adapters;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.delivery.ReallocationRecovery;
import org.allocation.adapters.metrics.OutboxMetrics;
import org.allocation.adapters.persistence.delivery.ProcessedMessages;
import org.allocation.adapters.persistence.delivery.SqlPendingReallocations;
import org.allocation.service.messagebus.MessageBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each process does besides handling messages, on daemon threads of its own, from start until close:
 *
 * <table>
 * <caption>The jobs</caption>
 * <tr><th>job</th><th>thread</th><th>runs</th><th>why</th></tr>
 * <tr><td>{@code refreshOutboxGauges}</td><td>{@code allocation-metrics}</td><td>every 5 s from the start, only
 *     when the meters are exposed</td><td>a scrape reads the last answer and costs the database nothing</td></tr>
 * <tr><td>{@code recoverAbandonedReallocations}</td><td>{@code allocation-recovery}</td><td>every
 *     {@code ALLOCATION_REALLOCATION_RECOVERY_MS}</td><td>a process killed between deallocating a line and
 *     allocating it again leaves the line unallocated</td></tr>
 * <tr><td>{@code recoverEveryPendingReallocation}</td><td>{@code allocation-recovery}</td><td>when asked (a
 *     consumer that has taken over from a dead one)</td><td>the dead one's reallocations need not wait their
 *     age</td></tr>
 * <tr><td>{@code pruneProcessedMessageIds}</td><td>{@code allocation-recovery}</td><td>a minute after the start,
 *     then hourly</td><td>the ids that make handling a message idempotent are kept for a retention only</td></tr>
 * </table>
 *
 * <p>The recoveries and the pruning share one thread: they are rare and short, and a recovery asked for is then
 * never run twice at once.
 */
final class BackgroundJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);
    /** How stale the outbox gauges may be: one cheap query per process this often, whatever the scrapes. */
    private static final Duration OUTBOX_GAUGES_REFRESH = Duration.ofSeconds(5);
    private static final Duration FIRST_PRUNING = Duration.ofMinutes(1);
    private static final Duration PRUNING = Duration.ofHours(1);

    private final List<ScheduledExecutorService> schedulers = new ArrayList<>();
    private final ScheduledExecutorService recovery = scheduler("allocation-recovery");
    private final DataSource pool;
    private final MessageBus bus;

    private BackgroundJobs(DataSource pool, MessageBus bus) {
        this.pool = pool;
        this.bus = bus;
    }

    /**
     * Starts every job.
     *
     * @param meters the registry the process exposes; a composite of no registries (nobody reads it) gets no
     *               gauges and no refresh
     */
    static BackgroundJobs start(DataSource pool, MessageBus bus, Settings.Delivery delivery, MeterRegistry meters) {
        BackgroundJobs jobs = new BackgroundJobs(pool, bus);
        try {
            if (!(meters instanceof CompositeMeterRegistry composite && composite.getRegistries().isEmpty())) {
                jobs.refreshOutboxGauges(meters);
            }
            jobs.recoverAbandonedReallocations(delivery.reallocationRecovery());
            jobs.pruneProcessedMessageIds(delivery.processedRetention());
            return jobs;
        } catch (RuntimeException failure) {
            jobs.close();
            throw failure;
        }
    }

    /** Redoes every reallocation not yet committed, whatever its age, once and soon, on the recovery's thread. */
    void recoverEveryPendingReallocation() {
        recovery.execute(reallocationsOlderThan(Duration.ZERO));
    }

    /** Stops every job; a run under way is interrupted. */
    @Override
    public void close() {
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
    }

    private void refreshOutboxGauges(MeterRegistry meters) {
        scheduler("allocation-metrics").scheduleWithFixedDelay(new OutboxMetrics(pool, meters), 0,
                OUTBOX_GAUGES_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param age how long a reallocation must have waited to count as abandoned, and how often they are looked for */
    private void recoverAbandonedReallocations(Duration age) {
        recovery.scheduleWithFixedDelay(reallocationsOlderThan(age), age.toMillis(), age.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void pruneProcessedMessageIds(Duration retention) {
        ProcessedMessages processed = new ProcessedMessages(pool, retention);
        recovery.scheduleWithFixedDelay(() -> {
            try {
                processed.prune();
            } catch (RuntimeException failure) {
                log.warn("Pruning processed message ids failed: {}", failure.getMessage());
            }
        }, FIRST_PRUNING.toMinutes(), PRUNING.toMinutes(), TimeUnit.MINUTES);
    }

    private ReallocationRecovery reallocationsOlderThan(Duration age) {
        return new ReallocationRecovery(new SqlPendingReallocations(pool), bus, age);
    }

    private ScheduledExecutorService scheduler(String name) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, name);
            daemon.setDaemon(true);
            return daemon;
        });
        schedulers.add(scheduler);
        return scheduler;
    }
}
