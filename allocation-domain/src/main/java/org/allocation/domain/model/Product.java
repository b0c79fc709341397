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
 *
 * <p>The rules a caller relies on:
 * <ul>
 *   <li><b>Allocation order.</b> A line goes to the first batch that can take all of it, in
 *       {@link Batch#ALLOCATION_ORDER}: warehouse stock before shipments, then the earliest ETA, then the
 *       reference. A line is never split between batches.</li>
 *   <li><b>Allocating is idempotent.</b> A line already allocated stays in its batch: allocating it again
 *       answers the same batch, changes nothing and records nothing, so a message delivered twice allocates
 *       once. Two lines are the same line when their order id, SKU and quantity are equal.</li>
 *   <li><b>Most recent first.</b> When a batch's quantity drops below what it holds, it gives back its most
 *       recently allocated lines, as few as it must, and keeps the ones customers have waited on longest.</li>
 *   <li><b>Events recorded.</b> {@link Allocated} for each line allocated (not for a repeat),
 *       {@link Deallocated} for each line given back, in the order given back, and {@link OutOfStock} each time a
 *       line finds no batch. Nothing else is recorded: adding a batch records no event.</li>
 * </ul>
 *
 * <p>A product is not thread-safe: it is meant to be loaded, changed and committed by one unit of work.
 */
public class Product {

    private String sku;
    private List<Batch> batches = new ArrayList<>();
    private int versionNumber;
    private final List<Event> events = new ArrayList<>();

    /**
     * A product with these batches, as it was at {@code versionNumber}: how a store gives back a product it
     * kept. No event is recorded.
     *
     * @param sku           the SKU whose stock this is
     * @param batches       its batches, all of that SKU
     * @param versionNumber how many changes the product has had, at least 0
     * @throws InvalidValue when the SKU is blank, the version negative or a batch of another SKU
     */
    public Product(String sku, List<Batch> batches, int versionNumber) {
        this.sku = Require.identifier("sku", sku);
        this.versionNumber = Require.atLeast("versionNumber", versionNumber, 0);
        batches.forEach(this::requireOwnSku);
        this.batches.addAll(batches);
    }

    /**
     * A SKU we have never had stock of: no batch, version 0. Its first batch is added with
     * {@link #addBatch(Batch)}.
     *
     * @param sku the SKU
     * @return the new, empty product
     */
    public static Product withoutStock(String sku) {
        return new Product(sku, List.of(), 0);
    }

    /** For Hibernate, which sets the fields itself; not for callers. */
    protected Product() {
        // for Hibernate
    }

    /**
     * The SKU, the product's identity.
     *
     * @return the SKU
     */
    public String sku() {
        return sku;
    }

    /**
     * How many changes the product has had: one more for each batch added, each line allocated and each change
     * of quantity. Storage commits a change only if the version it read is still the stored one.
     *
     * @return the version number, 0 for a product without history
     */
    public int versionNumber() {
        return versionNumber;
    }

    /**
     * The batches, in the order they were added (not in allocation order).
     *
     * @return an unmodifiable copy; the batches in it are the product's own, to read, not to change
     */
    public List<Batch> batches() {
        return List.copyOf(batches);
    }

    /**
     * The batch with this reference.
     *
     * @param reference the batch's reference
     * @return the batch, or empty when this product has none with that reference
     */
    public Optional<Batch> batch(String reference) {
        return batches.stream().filter(batch -> batch.reference().equals(reference)).findFirst();
    }

    /**
     * Takes in a new batch of this SKU. Lines allocated before are not moved to it, even when it would come
     * first in {@link Batch#ALLOCATION_ORDER}; no event is recorded.
     *
     * @param batch the new batch
     * @throws InvalidValue when the batch is of another SKU, or this product already has a batch with its
     *                      reference
     */
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
     * @param line the order line, of this product's SKU
     * @return the reference of the batch that holds the line, or empty when the SKU is out of stock
     * @throws InvalidValue when the line is of another SKU
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
     * Growing a batch moves no line to it.
     *
     * @param reference the batch's reference
     * @param qty       its new purchased quantity, at least 0
     * @throws InvalidValue when {@code qty} is negative
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
     *
     * @return the copy, which shares nothing that can change with this product
     */
    public Product copy() {
        return new Product(sku, batches.stream().map(Batch::copy).toList(), versionNumber);
    }

    /**
     * The events recorded since the last call, in the order they happened; the product forgets them. A unit of
     * work takes them at commit, so that they are handled only once the change that caused them is kept.
     *
     * @return the events, oldest first; empty when nothing happened
     */
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
