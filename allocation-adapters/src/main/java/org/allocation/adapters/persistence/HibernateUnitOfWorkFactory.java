package org.allocation.adapters.persistence;

import java.time.Duration;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.hibernate.SessionFactory;

/** Starts a {@link HibernateUnitOfWork} for each message. Cheap: nothing is opened until it is used. */
public final class HibernateUnitOfWorkFactory implements UnitOfWorkFactory {

    /** Longer than a busy product's queue normally gets; past it, the version check alone decides. */
    private static final Duration TURN_PATIENCE = Duration.ofSeconds(2);

    private final SessionFactory sessions;
    private final ProductLocks locks = new ProductLocks(TURN_PATIENCE);

    public HibernateUnitOfWorkFactory(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public UnitOfWork start() {
        return new HibernateUnitOfWork(sessions, locks);
    }
}
