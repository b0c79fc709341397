package org.allocation.adapters.persistence.sql;

import javax.sql.DataSource;
import org.allocation.adapters.persistence.ProductLocks;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;

/** Starts a {@link SqlUnitOfWork} for each message. Cheap: no connection is taken until one is used. */
public final class SqlUnitOfWorkFactory implements UnitOfWorkFactory {

    private final DataSource dataSource;
    private final ProductLocks locks = new ProductLocks(ProductLocks.STANDARD_PATIENCE);

    public SqlUnitOfWorkFactory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public UnitOfWork start() {
        return new SqlUnitOfWork(dataSource, locks, false);
    }

    @Override
    public UnitOfWork startTakingTurns() {
        return new SqlUnitOfWork(dataSource, locks, true);
    }
}
