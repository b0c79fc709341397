package org.allocation.adapters.persistence.sql;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.allocation.adapters.persistence.StatementBatch;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;

/**
 * A product handed out by {@link SqlUnitOfWork}, with what storage held when it was read (or nothing, for a
 * product the unit of work takes in), so that the commit writes only the difference: the version, the
 * batches whose quantities changed, the lines allocated and given back. Lines that were not loaded (another
 * order's, in an allocation's view) are not in the difference, so they stay as they are.
 */
final class LoadedProduct {

    private static final String INSERT_PRODUCT = "INSERT INTO products (sku, version_number) VALUES (?, ?)";
    // The version check (V4): fails, as a serialization failure, when the product is no longer at the version
    // read, so that nothing after it in the same round trip, the COMMIT included, runs.
    private static final String ADVANCE_VERSION = "SELECT advance_product_version(?, ?, ?)";
    private static final String INSERT_BATCH = "INSERT INTO batches"
            + " (reference, sku, purchased_quantity, eta, allocated_quantity) VALUES (?, ?, ?, ?, ?)";
    private static final String UPDATE_BATCH =
            "UPDATE batches SET purchased_quantity = ?, allocated_quantity = ? WHERE reference = ?";
    private static final String INSERT_LINE =
            "INSERT INTO allocations (batch_reference, orderid, sku, qty) VALUES (?, ?, ?, ?)";
    private static final String DELETE_LINE =
            "DELETE FROM allocations WHERE batch_reference = ? AND orderid = ? AND sku = ? AND qty = ?";

    private final Product product;
    /** Null for a product that is not stored yet. */
    private Stored stored;

    private LoadedProduct(Product product, Stored stored) {
        this.product = product;
        this.stored = stored;
    }

    /** A product just read from storage. */
    static LoadedProduct read(Product product) {
        return new LoadedProduct(product, Stored.of(product));
    }

    /** A product the unit of work takes in: the commit inserts it. */
    static LoadedProduct added(Product product) {
        return new LoadedProduct(product, null);
    }

    Product product() {
        return product;
    }

    /**
     * Adds the statements that make storage match the product, the version check first. A new product's
     * insert is its check: a concurrent insert of the same SKU violates the key.
     */
    void addChanges(StatementBatch writes) {
        if (stored == null) {
            writes.add(INSERT_PRODUCT, product.sku(), product.versionNumber());
            product.batches().forEach(batch -> insert(writes, batch));
            return;
        }
        if (product.versionNumber() == stored.version) {
            return;
        }
        writes.add(ADVANCE_VERSION, product.sku(), stored.version, product.versionNumber());
        for (Batch batch : product.batches()) {
            StoredBatch before = stored.batches.get(batch.reference());
            if (before == null) {
                insert(writes, batch);
            } else {
                update(writes, batch, before);
            }
        }
    }

    /** The product as it is now is what storage holds, once the commit succeeded. */
    void committed() {
        stored = Stored.of(product);
    }

    private static void insert(StatementBatch writes, Batch batch) {
        writes.add(INSERT_BATCH, batch.reference(), batch.sku(), batch.purchasedQuantity(),
                batch.eta().orElse(null), batch.allocatedQuantity());
        batch.allocations().forEach(line -> writes.add(INSERT_LINE, batch.reference(), line.orderid(), line.sku(),
                line.qty()));
    }

    private static void update(StatementBatch writes, Batch batch, StoredBatch before) {
        if (batch.purchasedQuantity() != before.purchasedQuantity
                || batch.allocatedQuantity() != before.allocatedQuantity) {
            writes.add(UPDATE_BATCH, batch.purchasedQuantity(), batch.allocatedQuantity(), batch.reference());
        }
        Set<OrderLine> now = new LinkedHashSet<>(batch.allocations());
        for (OrderLine line : before.lines) {
            if (!now.contains(line)) {
                writes.add(DELETE_LINE, batch.reference(), line.orderid(), line.sku(), line.qty());
            }
        }
        // In allocation order: the rows' ids keep it, and a shrinking batch gives back its newest lines first.
        for (OrderLine line : now) {
            if (!before.lines.contains(line)) {
                writes.add(INSERT_LINE, batch.reference(), line.orderid(), line.sku(), line.qty());
            }
        }
    }

    private record Stored(int version, Map<String, StoredBatch> batches) {

        static Stored of(Product product) {
            Map<String, StoredBatch> batches = new HashMap<>();
            for (Batch batch : product.batches()) {
                batches.put(batch.reference(), new StoredBatch(batch.purchasedQuantity(), batch.allocatedQuantity(),
                        Set.copyOf(batch.allocations())));
            }
            return new Stored(product.versionNumber(), batches);
        }
    }

    private record StoredBatch(int purchasedQuantity, int allocatedQuantity, Set<OrderLine> lines) {
    }

    @Override
    public String toString() {
        return "LoadedProduct[" + product + (stored == null ? ", new" : ", read at version " + stored.version) + "]";
    }
}
