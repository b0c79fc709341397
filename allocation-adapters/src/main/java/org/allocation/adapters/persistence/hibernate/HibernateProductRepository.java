package org.allocation.adapters.persistence.hibernate;

import java.util.Optional;
import java.util.function.Supplier;
import org.allocation.adapters.persistence.PersistenceErrors;
import org.allocation.adapters.persistence.ProductLocks;
import org.allocation.adapters.persistence.ProductRowLock;
import org.allocation.adapters.persistence.ProductTurns;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.TrackingProductRepository;
import org.hibernate.Session;

/**
 * The products of one {@link HibernateUnitOfWork}, read through its session: each way of reading a product loads
 * the product with its batches and, through the Hibernate filters of {@code orm.xml}, only the lines its rules can
 * touch, eagerly, while a failure can still be translated ({@link PersistenceErrors}). Before reading a product it
 * takes this process's turn on it ({@link ProductLocks}); taking turns across processes, after a lost race, it
 * locks the product's row instead ({@link ProductRowLock}).
 */
final class HibernateProductRepository extends TrackingProductRepository {

    /** The unit of work's session, in its transaction (begun on first use). */
    private final Supplier<Session> session;
    private final ProductTurns turns;
    /** Whether each product is read only once its row is locked ({@link ProductRowLock}), after a lost race. */
    private final boolean takingTurns;

    HibernateProductRepository(Supplier<Session> session, ProductTurns turns, boolean takingTurns) {
        this.session = session;
        this.turns = turns;
        this.takingTurns = takingTurns;
    }

    /** Runs {@code work}, translating what it throws into the ports' errors, saying what it was {@code doing}. */
    static <T> T guarded(String doing, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failure) {
            throw PersistenceErrors.translate(doing, failure);
        }
    }


    @Override
    protected void store(Product product) {
        takeTurn(product.sku());
        guarded("Adding product " + product.sku(), () -> {
            session.get().persist(product);
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
            session.get().enableFilter("batchNamed").setParameter("reference", batchref);
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
                session.get().disableFilter("batchNamed");
            }
        });
    }

    @Override
    protected Optional<Product> findForNewBatch(String sku, String batchref) {
        takeTurn(sku);
        return guarded("Loading product " + sku + " to add batch " + batchref, () -> {
            // The owner of the reference, when it is taken: the caller then sees the batch, whatever its SKU.
            String owner = skuOfBatch(batchref).orElse(sku);
            session.get().enableFilter("batchNamed").setParameter("reference", batchref);
            try {
                return load(owner);
            } finally {
                session.get().disableFilter("batchNamed");
            }
        });
    }

    @Override
    protected Optional<Product> findForAllocation(OrderLine line) {
        takeTurn(line.sku());
        return guarded("Loading product " + line.sku() + " to allocate order " + line.orderid(), () -> {
            session.get().enableFilter("allocationOfOrder").setParameter("orderid", line.orderid());
            try {
                Optional<Product> product = load(line.sku());
                // Product.allocate asks every batch loaded whether it holds the line: load what they hold
                // of this order now, while a failure can still be translated.
                product.ifPresent(found -> found.batches().forEach(Batch::allocations));
                return product;
            } finally {
                session.get().disableFilter("allocationOfOrder");
            }
        });
    }

    private Optional<String> skuOfBatch(String batchref) {
        return session.get()
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
            session.get().doWork(connection -> ProductRowLock.ofSku(sku).take(connection));
        }
        return session.get()
                .createSelectionQuery("from Product p left join fetch p.batches where p.sku = :sku", Product.class)
                .setParameter("sku", sku)
                .uniqueResultOptional();
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
}
