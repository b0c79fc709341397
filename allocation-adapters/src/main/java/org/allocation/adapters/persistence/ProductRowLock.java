package org.allocation.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A product's turn across processes, for a unit of work that has lost an optimistic race: the product's row is
 * locked ({@code FOR NO KEY UPDATE}) until the transaction ends, so every other change of that product (each begins
 * its commit with the version check's UPDATE of that row) waits for it, and it cannot lose again.
 *
 * <p>Such a transaction runs at READ COMMITTED, set as its first statement ({@link #beginReadCommitted}), and locks
 * before it reads the product: each read then sees what committed before the lock was granted, the change it waited
 * for included. At REPEATABLE READ its snapshot would date from before the wait, and its commit would lose again.
 * What it reads cannot change under it meanwhile: every change of a product's batches and lines goes with a change
 * of its version, which waits for the lock.
 */
public final class ProductRowLock {

    private static final String READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
    private static final String OWNER_OF_BATCH = "(SELECT owner.sku FROM batches owner WHERE owner.reference = ?)";

    private final String skuExpression;
    private final Object[] parameters;

    private ProductRowLock(String skuExpression, Object... parameters) {
        this.skuExpression = skuExpression;
        this.parameters = parameters;
    }

    public static ProductRowLock ofSku(String sku) {
        return new ProductRowLock("?", sku);
    }

    /** The product that has the batch with this reference (none when no batch has it). */
    public static ProductRowLock ofBatchOwner(String reference) {
        return new ProductRowLock(OWNER_OF_BATCH, reference);
    }

    /** The product a new batch under this reference would join (ProductRepository.getForNewBatch). */
    public static ProductRowLock ofNewBatch(String sku, String reference) {
        return new ProductRowLock("COALESCE(" + OWNER_OF_BATCH + ", ?)", reference, sku);
    }

    /** Must be the transaction's first statement. */
    public static void beginReadCommitted(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(READ_COMMITTED);
        }
    }

    /** Waits until no other transaction holds the row, then holds it until this transaction ends. */
    public void take(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT 1 FROM products WHERE sku = " + skuExpression + " FOR NO KEY UPDATE")) {
            for (int index = 0; index < parameters.length; index++) {
                lock.setObject(index + 1, parameters[index]);
            }
            lock.executeQuery().close();
        }
    }
}
