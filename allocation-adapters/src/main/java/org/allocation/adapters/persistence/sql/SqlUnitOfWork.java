package org.allocation.adapters.persistence.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.allocation.adapters.persistence.PersistenceErrors;
import org.allocation.adapters.persistence.ProductLocks;
import org.allocation.adapters.persistence.ProductRowLock;
import org.allocation.adapters.persistence.ProductTurns;
import org.allocation.adapters.persistence.StatementBatch;
import org.allocation.adapters.persistence.delivery.DeliveryRecords;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.AbstractUnitOfWork;
import org.allocation.service.ports.TrackingProductRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unit of work over one pooled connection and one transaction (REPEATABLE READ), in plain SQL: each way of
 * reading a product is one query ({@link SqlProductRepository}, {@link ProductRows}), and the commit is one round
 * trip for every write — the product's changes ({@link LoadedProduct}), the delivery records
 * ({@link DeliveryRecords}) — and the {@code COMMIT} itself. The same contract as
 * {@code persistence.hibernate.HibernateUnitOfWork}, at a fraction of its cost per message.
 *
 * <p>The connection is taken on first use: an event handler that never touches a product costs none. Every
 * error is translated at this boundary ({@link PersistenceErrors}).
 */
public final class SqlUnitOfWork extends AbstractUnitOfWork {

    private static final Logger log = LoggerFactory.getLogger(SqlUnitOfWork.class);

    private final DataSource dataSource;
    private final ProductTurns turns;
    /** Whether the transaction runs at READ COMMITTED, to read products once their rows are locked. */
    private final boolean takingTurns;
    private final SqlProductRepository products;
    private Connection connection;
    private boolean inTransaction;

    SqlUnitOfWork(DataSource dataSource, ProductLocks locks, boolean takingTurns) {
        this.dataSource = dataSource;
        this.turns = new ProductTurns(locks);
        this.takingTurns = takingTurns;
        this.products = new SqlProductRepository(this::connection, turns, takingTurns);
    }

    @Override
    public TrackingProductRepository products() {
        return products;
    }

    @Override
    protected void doCommit(List<Event> events) {
        if (connection == null && products.loaded().isEmpty()) {
            return; // nothing read, nothing taken in: nothing to write
        }
        try {
            StatementBatch writes = new StatementBatch();
            products.loaded().forEach(product -> product.addChanges(writes));
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
        products.loaded().forEach(LoadedProduct::committed);
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

    /** The connection, taken on first use, in a transaction (a new one after a commit). */
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
}
