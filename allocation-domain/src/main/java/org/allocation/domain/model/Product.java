package org.allocation.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allocation.domain.InvalidValue;
import org.allocation.domain.Require;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.Deallocated;
import org.allocation.domain.events.Event;
import org.allocation.domain.events.OutOfStock;

/**
 * All the stock of one SKU: the aggregate through which every batch and every allocation of that SKU
 * changes. Allocating needs to see every batch of the SKU at once (to pick the best one and never allocate
 * the same unit twice), so the product, not the batch, is the unit of consistency.
 *
 * <p>Each change increments the {@link #versionNumber() version number}; storage checks it when the change
 * is committed, so that two concurrent changes of one SKU cannot both succeed.
 *
 * <p>As it changes, the product records {@link Event events} (an allocation made, a line given back, stock
 * run out). They are taken with {@link #pullEvents()} and handled once the change is committed.
 */
public class Product {

    private String sku;
    private List<Batch> batches = new ArrayList<>();
    private int versionNumber;
    private final List<Event> events = new ArrayList<>();

    /** A product with these batches, as it was at {@code versionNumber}. */
    public Product(String sku, List<Batch> batches, int versionNumber) {
        this.sku = Require.identifier("sku", sku);
        this.versionNumber = Require.atLeast("versionNumber", versionNumber, 0);
        batches.forEach(this::requireOwnSku);
        this.batches.addAll(batches);
    }

    /** A SKU we have never had stock of. */
    public static Product withoutStock(String sku) {
        return new Product(sku, List.of(), 0);
    }

    protected Product() {
        // for Hibernate
    }

    public String sku() {
        return sku;
    }

    public int versionNumber() {
        return versionNumber;
    }

    public List<Batch> batches() {
        return List.copyOf(batches);
    }

    public Optional<Batch> batch(String reference) {
        return batches.stream().filter(batch -> batch.reference().equals(reference)).findFirst();
    }

    /** Takes in a new batch of this SKU. */
    public void addBatch(Batch batch) {
        requireOwnSku(batch);
        if (batch(batch.reference()).isPresent()) {
            throw new InvalidValue("Product " + sku + " already has a batch " + batch.reference());
        }
        batches.add(batch);
        versionNumber++;
    }

    /**
     * Allocates the line to the first batch that can take it, in {@link Batch#ALLOCATION_ORDER}, and records
     * {@link Allocated}. A line that is already allocated stays where it is and nothing is recorded, so that
     * a message delivered twice allocates once. When no batch can take the line, records {@link OutOfStock}.
     *
     * @return the reference of the batch that holds the line, or empty when the SKU is out of stock
     */
    public Optional<String> allocate(OrderLine line) {
        if (!line.sku().equals(sku)) {
            throw new InvalidValue("Order line for sku " + line.sku() + " cannot be allocated to product " + sku);
        }
        Optional<Batch> holding = batches.stream().filter(batch -> batch.isAllocated(line)).findFirst();
        if (holding.isPresent()) {
            return holding.map(Batch::reference);
        }
        Optional<Batch> chosen = batches.stream().filter(batch -> batch.canAllocate(line))
                .min(Batch.ALLOCATION_ORDER);
        if (chosen.isEmpty()) {
            events.add(new OutOfStock(sku));
            return Optional.empty();
        }
        Batch batch = chosen.get();
        batch.allocate(line);
        versionNumber++;
        events.add(new Allocated(line.orderid(), line.sku(), line.qty(), batch.reference()));
        return Optional.of(batch.reference());
    }

    /**
     * Sets a batch's purchased quantity. While the batch holds more than it now has, its most recent
     * allocations are given back, each recorded as {@link Deallocated} so that it can be allocated again.
     *
     * @throws UnknownBatch when this product has no batch with that reference
     */
    public void changeBatchQuantity(String reference, int qty) {
        Batch batch = batch(reference).orElseThrow(() -> new UnknownBatch(reference));
        List<OrderLine> deallocated = batch.changePurchasedQuantity(qty);
        versionNumber++;
        for (OrderLine line : deallocated) {
            events.add(new Deallocated(line.orderid(), line.sku(), line.qty()));
        }
    }

    /**
     * A deep copy at the same version, without the recorded events. For stores that keep products in memory:
     * they hand out copies, so that a change nobody commits never reaches the stored product.
     */
    public Product copy() {
        return new Product(sku, batches.stream().map(Batch::copy).toList(), versionNumber);
    }

    /** The events recorded since the last call, in the order they happened; the product forgets them. */
    public List<Event> pullEvents() {
        List<Event> pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    private void requireOwnSku(Batch batch) {
        if (!batch.sku().equals(sku)) {
            throw new InvalidValue("Batch " + batch.reference() + " of sku " + batch.sku()
                    + " does not belong to product " + sku);
        }
    }

    @Override
    public String toString() {
        return "Product[" + sku + ", version " + versionNumber + ", " + batches.size() + " batches]";
    }
}
