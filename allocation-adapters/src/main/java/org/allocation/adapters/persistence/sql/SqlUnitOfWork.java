package org.allocation.adapters.persistence.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.allocation.adapters.persistence.PersistenceErrors;
import org.allocation.adapters.persistence.ProductLocks;
import org.allocation.adapters.persistence.ProductRowLock;
import org.allocation.adapters.persistence.ProductTurns;
import org.allocation.adapters.persistence.StatementBatch;
import org.allocation.adapters.persistence.delivery.DeliveryRecords;
import org.allocation.domain.events.Event;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.AbstractUnitOfWork;
import org.allocation.service.ports.TrackingProductRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unit of work over one pooled connection and one transaction (REPEATABLE READ), in plain SQL: each way of
 * reading a product is one query ({@link ProductRows}), and the commit is one round trip for every write —
 * the product's changes ({@link LoadedProduct}), the delivery records ({@link DeliveryRecords}) — and the
 * {@code COMMIT} itself. The same contract as {@code persistence.hibernate.HibernateUnitOfWork}, at a fraction
 * of its cost per message.
 *
 * <p>The connection is taken on first use: an event handler that never touches a product costs none. Within
 * one unit of work a SKU is read once; asking again hands out the same product, changes and all. Every error
 * is translated at this boundary ({@link PersistenceErrors}).
 */
public final class SqlUnitOfWork extends AbstractUnitOfWork {

    private static final Logger log = LoggerFactory.getLogger(SqlUnitOfWork.class);

    private final DataSource dataSource;
    private final ProductTurns turns;
    /** Whether each product is read only once its row is locked ({@link ProductRowLock}), after a lost race. */
    private final boolean takingTurns;
    private final Repository products = new Repository();
    /** The products read or taken in, by SKU. */
    private final Map<String, LoadedProduct> loaded = new LinkedHashMap<>();
    private Connection connection;
    private boolean inTransaction;

    SqlUnitOfWork(DataSource dataSource, ProductLocks locks, boolean takingTurns) {
        this.dataSource = dataSource;
        this.turns = new ProductTurns(locks);
        this.takingTurns = takingTurns;
    }

    @Override
    public TrackingProductRepository products() {
        return products;
    }

    @Override
    protected void doCommit(List<Event> events) {
        if (connection == null && loaded.isEmpty()) {
            return; // nothing read, nothing taken in: nothing to write
        }
        try {
            StatementBatch writes = new StatementBatch();
            loaded.values().forEach(product -> product.addChanges(writes));
            DeliveryRecords.addTo(writes, events, messageId(), handledEvent(), correlationId());
            // In the same round trip: it runs only if every write before it succeeded.
            writes.add("COMMIT");
            writes.execute(connection());
            // The driver saw the transaction end, so this sends nothing; it tells the pool the connection is clean.
            connection().commit();
            inTransaction = false;
        } catch (SQLException | RuntimeException failure) {
            throw PersistenceErrors.translate("Committing", failure);
        }
        loaded.values().forEach(LoadedProduct::committed);
    }

    @Override
    protected boolean wasHandled(String messageId) {
        try {
            return DeliveryRecords.wasHandled(connection(), messageId);
        } catch (SQLException | RuntimeException failure) {
            throw PersistenceErrors.translate("Looking up message " + messageId, failure);
        }
    }

    @Override
    protected void doRollback() {
        if (connection == null) {
            return;
        }
        try {
            inTransaction = false;
            connection.rollback();
        } catch (SQLException failure) {
            // The connection is probably gone; the server discards the transaction along with it.
            log.debug("Rollback failed; the transaction ends with its connection", failure);
        }
    }

    @Override
    protected void release() {
        turns.giveBack();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException failure) {
                log.debug("Giving the connection back failed", failure);
            }
            connection = null;
            inTransaction = false;
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

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
        }
        if (takingTurns && !inTransaction) {
            ProductRowLock.beginReadCommitted(connection);
        }
        inTransaction = true;
        return connection;
    }

    @FunctionalInterface
    private interface Read {
        Optional<LoadedProduct> from(Connection connection) throws SQLException;
    }

    private final class Repository extends TrackingProductRepository {

        @Override
        protected void store(Product product) {
            takeTurn(product.sku());
            loaded.put(product.sku(), LoadedProduct.added(product));
        }

        @Override
        protected Optional<Product> findBySku(String sku) {
            takeTurn(sku);
            return readOnce(sku, "Loading product " + sku, ProductRowLock.ofSku(sku),
                    connection -> ProductRows.wholeBySku(connection, sku));
        }

        @Override
        protected Optional<Product> findByBatchRef(String batchref) {
            // The SKU is known only once read, so this turn is taken after the read: a change of quantity may
            // then lose a race it would have waited for, and the bus's retry, reading again, settles it.
            Optional<Product> product = readOnce(null, "Loading the product of batch " + batchref,
                    ProductRowLock.ofBatchOwner(batchref), connection -> ProductRows.wholeByBatch(connection, batchref));
            product.ifPresent(found -> takeTurn(found.sku()));
            return product;
        }

        @Override
        protected Optional<Product> findForQuantityChange(String batchref, int qty) {
            // As findByBatchRef, the turn after the read; the read is short, so a lost race costs little.
            Optional<Product> product = readOnce(null, "Loading the product of batch " + batchref + " to change it",
                    ProductRowLock.ofBatchOwner(batchref),
                    connection -> ProductRows.forQuantityChange(connection, batchref, qty));
            product.ifPresent(found -> takeTurn(found.sku()));
            return product;
        }

        @Override
        protected Optional<Product> findForNewBatch(String sku, String batchref) {
            takeTurn(sku);
            // Not readOnce(sku): the product found may be another SKU's, the one that has the reference.
            return readOnce(null, "Loading product " + sku + " to add batch " + batchref,
                    ProductRowLock.ofNewBatch(sku, batchref),
                    connection -> ProductRows.forNewBatch(connection, sku, batchref));
        }

        @Override
        protected Optional<Product> findForAllocation(OrderLine line) {
            takeTurn(line.sku());
            return readOnce(line.sku(), "Loading product " + line.sku() + " to allocate order " + line.orderid(),
                    ProductRowLock.ofSku(line.sku()), connection -> ProductRows.forAllocation(connection, line));
        }

        /**
         * The product already in hand for this SKU, or the one read now, remembered; taking turns, read once its
         * row is locked.
         */
        private Optional<Product> readOnce(String sku, String doing, ProductRowLock rowLock, Read read) {
            if (sku != null && loaded.containsKey(sku)) {
                return Optional.of(loaded.get(sku).product());
            }
            try {
                if (takingTurns) {
                    rowLock.take(connection());
                }
                Optional<LoadedProduct> found = read.from(connection());
                return found.map(product -> loaded.computeIfAbsent(product.product().sku(), same -> product).product());
            } catch (SQLException | RuntimeException failure) {
                throw PersistenceErrors.translate(doing, failure);
            }
        }
    }
}
