package org.allocation.adapters.persistence;

import java.time.Duration;
import javax.sql.DataSource;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;

/** Starts a {@link SqlUnitOfWork} for each message. Cheap: no connection is taken until one is used. */
public final class SqlUnitOfWorkFactory implements UnitOfWorkFactory {

    /** Longer than a busy product's queue normally gets; past it, the version check alone decides. */
    private static final Duration TURN_PATIENCE = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final ProductLocks locks = new ProductLocks(TURN_PATIENCE);

    public SqlUnitOfWorkFactory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public UnitOfWork start() {
        return new SqlUnitOfWork(dataSource, locks);
    }
}
