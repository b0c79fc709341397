package org.allocation.adapters.persistence.hibernate;

import org.allocation.adapters.persistence.ProductLocks;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.hibernate.SessionFactory;

/** Starts a {@link HibernateUnitOfWork} for each message. Cheap: nothing is opened until it is used. */
public final class HibernateUnitOfWorkFactory implements UnitOfWorkFactory {

    private final SessionFactory sessions;
    private final ProductLocks locks = new ProductLocks(ProductLocks.STANDARD_PATIENCE);

    public HibernateUnitOfWorkFactory(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public UnitOfWork start() {
        return new HibernateUnitOfWork(sessions, locks, false);
    }

    @Override
    public UnitOfWork startTakingTurns() {
        return new HibernateUnitOfWork(sessions, locks, true);
    }
}
