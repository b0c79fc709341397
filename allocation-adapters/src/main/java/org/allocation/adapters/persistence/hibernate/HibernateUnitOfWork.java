package org.allocation.adapters.persistence.hibernate;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.allocation.adapters.persistence.PersistenceErrors;
import org.allocation.adapters.persistence.ProductLocks;
import org.allocation.adapters.persistence.ProductRowLock;
import org.allocation.adapters.persistence.ProductTurns;
import org.allocation.adapters.persistence.delivery.DeliveryRecords;
import org.allocation.domain.events.Event;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
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
    /** Whether each product is read only once its row is locked ({@link ProductRowLock}), after a lost race. */
    private final boolean takingTurns;
    private final Repository products = new Repository();
    private Session session;

    HibernateUnitOfWork(SessionFactory sessions, ProductLocks locks, boolean takingTurns) {
        this.sessions = sessions;
        this.turns = new ProductTurns(locks);
        this.takingTurns = takingTurns;
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
        guarded("Committing", () -> {
            session.doWork(connection -> DeliveryRecords.write(connection, events, messageId(), handledEvent(),
                    correlationId()));
            session.getTransaction().commit();
            return null;
        });
    }

    @Override
    protected boolean wasHandled(String messageId) {
        return guarded("Looking up message " + messageId,
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

    /**
     * This process's turn on the product ({@link ProductLocks}); not needed when taking turns across processes,
     * whose row lock makes this process's other units of work wait too.
     */
    private void takeTurn(String sku) {
        if (!takingTurns) {
            turns.take(sku);
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

    private static <T> T guarded(String doing, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failure) {
            throw PersistenceErrors.translate(doing, failure);
        }
    }

    private final class Repository extends TrackingProductRepository {

        @Override
        protected void store(Product product) {
            takeTurn(product.sku());
            guarded("Adding product " + product.sku(), () -> {
                session().persist(product);
                return null;
            });
        }

        @Override
        protected Optional<Product> findBySku(String sku) {
            takeTurn(sku);
            return guarded("Loading product " + sku, () -> load(sku));
        }

        @Override
        protected Optional<Product> findByBatchRef(String batchref) {
            return guarded("Loading the product of batch " + batchref, () -> {
                Optional<Product> product = skuOfBatch(batchref)
                        .flatMap(sku -> {
                            takeTurn(sku);
                            return load(sku);
                        });
                // Changing a batch may give back its lines: load them now, while a failure can be translated.
                product.flatMap(found -> found.batch(batchref)).ifPresent(Batch::allocations);
                return product;
            });
        }

        @Override
        protected Optional<Product> findForQuantityChange(String batchref, int qty) {
            return guarded("Loading the product of batch " + batchref + " to change it", () -> {
                Optional<String> owner = skuOfBatch(batchref);
                owner.ifPresent(sku -> takeTurn(sku));
                session().enableFilter("batchNamed").setParameter("reference", batchref);
                // Every line of the batch, not only the newest ones the change gives back (as the SQL adapter
                // reads them): Hibernate writes a shrunk batch's lines by deleting them all and inserting the
                // loaded ones, so a partial load here dropped the lines it left out (seen end to end on a batch of
                // 50,000 lines). The cost: on Hibernate a change of quantity reads and rewrites its batch's lines;
                // it stays flat in the product's other batches only.
                try {
                    Optional<Product> product = owner.flatMap(this::load);
                    // The batch's lines, loaded now, while the filter holds and a failure can be translated.
                    product.flatMap(found -> found.batch(batchref)).ifPresent(Batch::allocations);
                    return product;
                } finally {
                    session().disableFilter("batchNamed");
                }
            });
        }

        @Override
        protected Optional<Product> findForNewBatch(String sku, String batchref) {
            takeTurn(sku);
            return guarded("Loading product " + sku + " to add batch " + batchref, () -> {
                // The owner of the reference, when it is taken: the caller then sees the batch, whatever its SKU.
                String owner = skuOfBatch(batchref).orElse(sku);
                session().enableFilter("batchNamed").setParameter("reference", batchref);
                try {
                    return load(owner);
                } finally {
                    session().disableFilter("batchNamed");
                }
            });
        }

        @Override
        protected Optional<Product> findForAllocation(OrderLine line) {
            takeTurn(line.sku());
            return guarded("Loading product " + line.sku() + " to allocate order " + line.orderid(), () -> {
                session().enableFilter("allocationOfOrder").setParameter("orderid", line.orderid());
                try {
                    Optional<Product> product = load(line.sku());
                    // Product.allocate asks every batch loaded whether it holds the line: load what they hold
                    // of this order now, while a failure can still be translated.
                    product.ifPresent(found -> found.batches().forEach(Batch::allocations));
                    return product;
                } finally {
                    session().disableFilter("allocationOfOrder");
                }
            });
        }

        private Optional<String> skuOfBatch(String batchref) {
            return session()
                    .createSelectionQuery("select b.sku from Batch b where b.reference = :reference", String.class)
                    .setParameter("reference", batchref)
                    .uniqueResultOptional();
        }

        /**
         * The product with its batches; their allocations are loaded when first needed. Taking turns, its row is
         * locked first, until the transaction ends ({@link ProductRowLock}).
         */
        private Optional<Product> load(String sku) {
            if (takingTurns) {
                session().doWork(connection -> ProductRowLock.ofSku(sku).take(connection));
            }
            return session()
                    .createSelectionQuery("from Product p left join fetch p.batches where p.sku = :sku", Product.class)
                    .setParameter("sku", sku)
                    .uniqueResultOptional();
        }
    }
}
