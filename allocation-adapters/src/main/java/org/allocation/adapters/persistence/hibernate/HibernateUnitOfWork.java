package org.allocation.adapters.persistence.hibernate;

import java.util.List;
import org.allocation.adapters.persistence.ProductLocks;
import org.allocation.adapters.persistence.ProductRowLock;
import org.allocation.adapters.persistence.ProductTurns;
import org.allocation.adapters.persistence.delivery.DeliveryRecords;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.AbstractUnitOfWork;
import org.allocation.service.ports.TrackingProductRepository;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unit of work over one Hibernate session and one database transaction (REPEATABLE READ, from the pool).
 *
 * <p>The session, and with it a connection, is opened on first use of {@link #products()}: an event handler
 * that never touches a product costs no connection at all. Every error is translated at this boundary:
 * a product changed by a concurrent transaction fails the commit with
 * {@link org.allocation.service.ports.ConcurrencyConflict}, a database that cannot be reached fails with
 * {@link org.allocation.service.ports.StorageUnavailable}.
 */
public final class HibernateUnitOfWork extends AbstractUnitOfWork {

    private static final Logger log = LoggerFactory.getLogger(HibernateUnitOfWork.class);

    private final SessionFactory sessions;
    private final ProductTurns turns;
    /** Whether the transaction runs at READ COMMITTED, to read products once their rows are locked. */
    private final boolean takingTurns;
    private final HibernateProductRepository products;
    private Session session;

    HibernateUnitOfWork(SessionFactory sessions, ProductLocks locks, boolean takingTurns) {
        this.sessions = sessions;
        this.turns = new ProductTurns(locks);
        this.takingTurns = takingTurns;
        this.products = new HibernateProductRepository(this::session, turns, takingTurns);
    }

    @Override
    public TrackingProductRepository products() {
        return products;
    }

    @Override
    protected void doCommit(List<Event> events) {
        if (session == null) {
            return;
        }
        // A second commit of the same unit of work flushes in a transaction of its own, begun here if nothing
        // was read since the first one ended.
        session();
        // Flushing writes the product rows with "WHERE version_number = <read version>": a product changed
        // meanwhile fails here (stale state, or PostgreSQL's serialization failure), before anything is kept.
        HibernateProductRepository.guarded("Committing", () -> {
            session.doWork(connection -> DeliveryRecords.write(connection, events, messageId(), handledEvent(),
                    correlationId()));
            session.getTransaction().commit();
            return null;
        });
    }

    @Override
    protected boolean wasHandled(String messageId) {
        return HibernateProductRepository.guarded("Looking up message " + messageId,
                () -> session().doReturningWork(connection -> DeliveryRecords.wasHandled(connection, messageId)));
    }

    @Override
    protected void doRollback() {
        if (session == null) {
            return;
        }
        Transaction transaction = session.getTransaction();
        try {
            if (transaction.getStatus().canRollback()) {
                transaction.rollback();
            }
        } catch (RuntimeException failure) {
            // The connection is probably gone; the server discards the transaction along with it.
            log.debug("Rollback failed; the transaction ends with its connection", failure);
        }
        session.clear();
    }

    @Override
    protected void release() {
        turns.giveBack();
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException failure) {
                log.debug("Closing the session failed", failure);
            }
            session = null;
        }
    }

    /** The session, opened on first use, in a transaction (a new one after a commit). */
    private Session session() {
        if (session == null) {
            session = sessions.openSession();
        }
        if (!session.getTransaction().isActive()) {
            session.beginTransaction();
            if (takingTurns) {
                session.doWork(ProductRowLock::beginReadCommitted);
            }
        }
        return session;
    }
}
