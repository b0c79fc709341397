package org.allocation.adapters.persistence.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.allocation.adapters.persistence.PersistenceErrors;
import org.allocation.adapters.persistence.ProductLocks;
import org.allocation.adapters.persistence.ProductRowLock;
import org.allocation.adapters.persistence.ProductTurns;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.TrackingProductRepository;

/**
 * The products of one {@link SqlUnitOfWork}, read in its transaction: each way of reading a product is one query
 * ({@link ProductRows}), and within the unit of work a SKU is read once (asking again hands out the same
 * product, changes and all). Before reading a product it takes this process's turn on it ({@link ProductLocks});
 * taking turns across processes, after a lost race, it locks the product's row instead ({@link ProductRowLock}).
 * Every error is translated here ({@link PersistenceErrors}).
 */
final class SqlProductRepository extends TrackingProductRepository {

    /** The unit of work's connection, in its transaction (begun on first use). */
    @FunctionalInterface
    interface Transaction {
        Connection connection() throws SQLException;
    }

    @FunctionalInterface
    private interface Read {
        Optional<LoadedProduct> from(Connection connection) throws SQLException;
    }

    private final Transaction transaction;
    private final ProductTurns turns;
    /** Whether each product is read only once its row is locked ({@link ProductRowLock}), after a lost race. */
    private final boolean takingTurns;
    /** The products read or taken in, by SKU. */
    private final Map<String, LoadedProduct> loaded = new LinkedHashMap<>();

    SqlProductRepository(Transaction transaction, ProductTurns turns, boolean takingTurns) {
        this.transaction = transaction;
        this.turns = turns;
        this.takingTurns = takingTurns;
    }

    /** The products read or taken in so far, whose changes the commit writes. */
    Collection<LoadedProduct> loaded() {
        return loaded.values();
    }


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
                rowLock.take(transaction.connection());
            }
            Optional<LoadedProduct> found = read.from(transaction.connection());
            return found.map(product -> loaded.computeIfAbsent(product.product().sku(), same -> product).product());
        } catch (SQLException | RuntimeException failure) {
            throw PersistenceErrors.translate(doing, failure);
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
}
