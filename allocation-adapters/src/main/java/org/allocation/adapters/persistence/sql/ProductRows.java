package org.allocation.adapters.persistence.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;

/**
 * Reads a product, its batches and their allocations in one query, and builds the domain objects from the
 * rows. One shape per way the repository is asked:
 * <ul>
 *   <li>the whole product, by SKU or by the reference of one of its batches;</li>
 *   <li>the product as allocating one line sees it: only the batches that could take the line or already
 *       hold a line of its order, each with only that order's lines. Nothing else can change the outcome of
 *       {@link Product#allocate}, so allocating costs the same however long the SKU's history;</li>
 *   <li>the product as a change of one batch's quantity sees it: that batch only, with only the newest lines
 *       the change gives back (V5's {@code first_line_given_back}, an index scan from the batch's newest line);
 *       </li>
 *   <li>the product as a new batch sees it: its version and the batch already under that reference, if any,
 *       without lines.</li>
 * </ul>
 * What a shape leaves out is never looked at by the rule it serves: availability comes from each batch's
 * allocated total, and a line is looked for only where it can be.
 * Every shape also remembers what it read ({@link LoadedProduct}), so that the commit writes only what changed.
 */
final class ProductRows {

    private static final String BATCH_COLUMNS = "SELECT p.sku, p.version_number, b.reference, b.purchased_quantity,"
            + " b.eta, b.allocated_quantity";
    private static final String COLUMNS = BATCH_COLUMNS + ", a.orderid, a.sku, a.qty FROM products p";
    private static final String IN_ORDER = " ORDER BY b.reference, a.id";

    private static final String WHOLE = COLUMNS
            + " LEFT JOIN batches b ON b.sku = p.sku"
            + " LEFT JOIN allocations a ON a.batch_reference = b.reference";
    private static final String WHOLE_BY_SKU = WHOLE + " WHERE p.sku = ?" + IN_ORDER;
    private static final String WHOLE_BY_BATCH = WHOLE
            + " WHERE p.sku = (SELECT owner.sku FROM batches owner WHERE owner.reference = ?)" + IN_ORDER;

    // The order's own lines are found through allocations(orderid): one index scan, hashed, however many
    // batches the SKU has. A batch enters the view if it can take the quantity or holds the order.
    private static final String FOR_ALLOCATION = COLUMNS
            + " LEFT JOIN batches b ON b.sku = p.sku AND (b.purchased_quantity - b.allocated_quantity >= ?"
            + "   OR b.reference IN (SELECT held.batch_reference FROM allocations held WHERE held.orderid = ?))"
            + " LEFT JOIN allocations a ON a.batch_reference = b.reference AND a.orderid = ?"
            + " WHERE p.sku = ?" + IN_ORDER;

    // The batch, and of its lines only those from the first one the change gives back: none when it gives back
    // none (the bound is NULL, and no id compares with it).
    private static final String FOR_QUANTITY_CHANGE = COLUMNS
            + " JOIN batches b ON b.sku = p.sku AND b.reference = ?"
            + " LEFT JOIN allocations a ON a.batch_reference = b.reference AND a.id >= first_line_given_back(?, ?)"
            + " WHERE p.sku = (SELECT owner.sku FROM batches owner WHERE owner.reference = ?)" + IN_ORDER;

    // The owner of the reference if it is taken, else the SKU's product; no lines (the columns stay, empty).
    private static final String FOR_NEW_BATCH = BATCH_COLUMNS + ", NULL, NULL, NULL FROM products p"
            + " LEFT JOIN batches b ON b.sku = p.sku AND b.reference = ?"
            + " WHERE p.sku = COALESCE((SELECT owner.sku FROM batches owner WHERE owner.reference = ?), ?)";

    private ProductRows() {
    }

    static Optional<LoadedProduct> wholeBySku(Connection connection, String sku) throws SQLException {
        return read(connection, WHOLE_BY_SKU, sku);
    }

    static Optional<LoadedProduct> wholeByBatch(Connection connection, String reference) throws SQLException {
        return read(connection, WHOLE_BY_BATCH, reference);
    }

    static Optional<LoadedProduct> forAllocation(Connection connection, OrderLine line) throws SQLException {
        return read(connection, FOR_ALLOCATION, line.qty(), line.orderid(), line.orderid(), line.sku());
    }

    static Optional<LoadedProduct> forQuantityChange(Connection connection, String reference, int qty)
            throws SQLException {
        return read(connection, FOR_QUANTITY_CHANGE, reference, reference, qty, reference);
    }

    static Optional<LoadedProduct> forNewBatch(Connection connection, String sku, String reference)
            throws SQLException {
        return read(connection, FOR_NEW_BATCH, reference, reference, sku);
    }

    private static Optional<LoadedProduct> read(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                select.setObject(index + 1, parameters[index]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return build(rows);
            }
        }
    }

    /** One row per allocation (or per batch without any, or one for a product without batches). */
    private static Optional<LoadedProduct> build(ResultSet rows) throws SQLException {
        String sku = null;
        int version = 0;
        List<Batch> batches = new ArrayList<>();
        BatchRow current = null;
        while (rows.next()) {
            sku = rows.getString(1);
            version = rows.getInt(2);
            String reference = rows.getString(3);
            if (reference == null) {
                continue;
            }
            if (current == null || !current.reference.equals(reference)) {
                if (current != null) {
                    batches.add(current.toBatch(sku));
                }
                // As a LocalDate straight away: getDate goes through a Calendar, a cost seen in profiles.
                current = new BatchRow(reference, rows.getInt(4),
                        Optional.ofNullable(rows.getObject(5, LocalDate.class)), rows.getInt(6));
            }
            String orderid = rows.getString(7);
            if (orderid != null) {
                current.lines.add(new OrderLine(orderid, rows.getString(8), rows.getInt(9)));
            }
        }
        if (sku == null) {
            return Optional.empty();
        }
        if (current != null) {
            batches.add(current.toBatch(sku));
        }
        return Optional.of(LoadedProduct.read(new Product(sku, batches, version)));
    }

    private static final class BatchRow {

        private final String reference;
        private final int purchasedQuantity;
        private final Optional<LocalDate> eta;
        private final int allocatedQuantity;
        private final List<OrderLine> lines = new ArrayList<>();

        private BatchRow(String reference, int purchasedQuantity, Optional<LocalDate> eta,
                         int allocatedQuantity) {
            this.reference = reference;
            this.purchasedQuantity = purchasedQuantity;
            this.eta = eta;
            this.allocatedQuantity = allocatedQuantity;
        }

        private Batch toBatch(String sku) {
            return Batch.restore(reference, sku, purchasedQuantity, eta, allocatedQuantity, lines);
        }
    }
}
