package org.allocation.adapters.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind the outbox relay is: {@code allocation_outbox_backlog} (rows waiting) and
 * {@code allocation_outbox_oldest_age_seconds} (how long the oldest has waited; 0 when none). One query
 * refreshes both every few seconds ({@link #refresh()}, on a schedule); a scrape only reads the last answer, so
 * scraping costs the database nothing however often it comes. While the database cannot be reached the gauges
 * show NaN.
 */
public final class OutboxMetrics implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);
    private static final String QUERY = "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) "
            + "FROM outbox";

    private record Reading(double backlog, double oldestAgeSeconds) {
    }

    private final DataSource dataSource;
    private final AtomicReference<Reading> last = new AtomicReference<>(new Reading(Double.NaN, Double.NaN));

    public OutboxMetrics(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("allocation.outbox.backlog", last, reading -> reading.get().backlog())
                .description("Outbox rows not yet relayed to Redis (refreshed every few seconds)")
                .register(registry);
        Gauge.builder("allocation.outbox.oldest.age", last, reading -> reading.get().oldestAgeSeconds())
                .description("How long the oldest outbox row has waited to be relayed; 0 when none")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void run() {
        refresh();
    }

    /** Reads the outbox once; never throws. */
    public void refresh() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(QUERY)) {
            result.next();
            last.set(new Reading(result.getLong(1), result.getDouble(2)));
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException failure) {
            log.debug("Reading the outbox backlog failed", failure);
            last.set(new Reading(Double.NaN, Double.NaN));
        }
    }
}
