package org.allocation.domain.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.allocation.domain.InvalidValue;
import org.allocation.domain.Require;

/**
 * A batch of stock the buying department has ordered: so many units of one SKU, either already in the
 * warehouse (no ETA) or on its way in a shipment that arrives on its ETA. Order lines are allocated to a
 * batch until its available quantity runs out.
 *
 * <p>A batch is an entity: it is identified by its reference, whatever its quantities. Only its
 * {@link Product} changes it, so that all the batches of one SKU change together or not at all.
 */
public class Batch {

    /**
     * The order in which batches are offered an order line: warehouse stock first, because it can ship
     * today, then shipments by earliest ETA; the reference breaks ties so that the choice never depends on
     * the order batches happen to be loaded in.
     */
    public static final Comparator<Batch> ALLOCATION_ORDER = Comparator
            .comparing((Batch batch) -> batch.eta, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(batch -> batch.reference);

    private String reference;
    private String sku;
    private int purchasedQuantity;
    private LocalDate eta;
    /** In allocation order, so that the most recent allocation is the last one. */
    private Set<OrderLine> allocations = new LinkedHashSet<>();
    /** The sum of the allocations' quantities, kept so that availability never needs them all in memory. */
    private int allocatedQuantity;

    /**
     * A new batch.
     *
     * @param reference         its identity, unique across all SKUs
     * @param sku               the SKU it holds
     * @param purchasedQuantity how many units were bought, at least 1
     * @param eta               when it arrives, or empty when it is already in the warehouse
     * @throws InvalidValue when an identifier is blank, the quantity below 1 or {@code eta} null
     */
    public Batch(String reference, String sku, int purchasedQuantity, Optional<LocalDate> eta) {
        this.reference = Require.identifier("ref", reference);
        this.sku = Require.identifier("sku", sku);
        this.purchasedQuantity = Require.atLeast("qty", purchasedQuantity, 1);
        this.eta = Require.present("eta", eta).orElse(null);
    }

    /**
     * Stock that is already in the warehouse: it is offered order lines before any shipment.
     *
     * @param reference         its identity, unique across all SKUs
     * @param sku               the SKU it holds
     * @param purchasedQuantity how many units were bought, at least 1
     * @return the batch, with nothing allocated
     */
    public static Batch inWarehouse(String reference, String sku, int purchasedQuantity) {
        return new Batch(reference, sku, purchasedQuantity, Optional.empty());
    }

    /**
     * Stock that arrives on {@code eta}: offered order lines after the warehouse's stock and after shipments
     * that arrive earlier.
     *
     * @param reference         its identity, unique across all SKUs
     * @param sku               the SKU it holds
     * @param purchasedQuantity how many units were bought, at least 1
     * @param eta               the day it arrives
     * @return the batch, with nothing allocated
     */
    public static Batch inShipment(String reference, String sku, int purchasedQuantity, LocalDate eta) {
        return new Batch(reference, sku, purchasedQuantity, Optional.of(eta));
    }

    /**
     * A batch as storage kept it, for repositories that build their products themselves.
     *
     * <p>{@code allocatedQuantity} is the sum of all its allocations, while {@code loadedLines} may be only
     * those a change can involve (for an allocation: the lines of that order). The rules never look at the
     * others: availability comes from the sum, and a line is recognised as allocated only by its own order.
     *
     * @param reference         its identity
     * @param sku               the SKU it holds
     * @param purchasedQuantity how many units were bought, at least 0 (a batch may have shrunk to nothing)
     * @param eta               when it arrives, or empty for warehouse stock
     * @param allocatedQuantity the sum of all its allocations' quantities, loaded or not
     * @param loadedLines       oldest first, as they were allocated
     * @return the batch as it was stored
     */
    public static Batch restore(String reference, String sku, int purchasedQuantity, Optional<LocalDate> eta,
                                int allocatedQuantity, List<OrderLine> loadedLines) {
        Batch batch = new Batch();
        batch.reference = Require.identifier("ref", reference);
        batch.sku = Require.identifier("sku", sku);
        batch.purchasedQuantity = Require.atLeast("qty", purchasedQuantity, 0);
        batch.eta = Require.present("eta", eta).orElse(null);
        batch.allocatedQuantity = Require.atLeast("allocatedQuantity", allocatedQuantity, 0);
        batch.allocations.addAll(loadedLines);
        return batch;
    }

    /** For Hibernate, which sets the fields itself, and for {@link #restore}; not for callers. */
    protected Batch() {
        // for Hibernate and restore
    }

    /**
     * The batch's identity, unique across all SKUs: two batches with the same reference are the same batch.
     *
     * @return the reference
     */
    public String reference() {
        return reference;
    }

    /**
     * The SKU the batch holds.
     *
     * @return the SKU
     */
    public String sku() {
        return sku;
    }

    /**
     * How many units were bought: what the batch can hold, as last set by a change of quantity.
     *
     * @return the purchased quantity
     */
    public int purchasedQuantity() {
        return purchasedQuantity;
    }

    /**
     * When the batch arrives.
     *
     * @return the ETA; empty for warehouse stock
     */
    public Optional<LocalDate> eta() {
        return Optional.ofNullable(eta);
    }

    /**
     * How many units are allocated to order lines.
     *
     * @return the sum of the allocated lines' quantities
     */
    public int allocatedQuantity() {
        return allocatedQuantity;
    }

    /**
     * What is left to allocate.
     *
     * @return the purchased less the allocated quantity; negative only in the middle of a change of quantity
     */
    public int availableQuantity() {
        return purchasedQuantity - allocatedQuantity;
    }

    /**
     * Whether this batch could take the whole line now: same SKU, and enough left. Lines are never split.
     *
     * @param line an order line
     * @return true when the line fits
     */
    public boolean canAllocate(OrderLine line) {
        return sku.equals(line.sku()) && availableQuantity() >= line.qty();
    }

    /**
     * Whether this very line (same order, SKU and quantity) is allocated to this batch.
     *
     * @param line an order line
     * @return true when the batch holds it
     */
    public boolean isAllocated(OrderLine line) {
        return allocations.contains(line);
    }

    /**
     * The lines allocated to this batch, oldest first: the order in which a shrinking batch gives them back is
     * the reverse.
     *
     * @return an unmodifiable copy
     */
    public List<OrderLine> allocations() {
        return List.copyOf(allocations);
    }

    /**
     * True when this batch was created with exactly these values: adding it again changes nothing.
     *
     * @param other another batch, usually one just received under the same reference
     * @return true when reference, SKU, purchased quantity and ETA are all equal
     */
    public boolean hasSameContentAs(Batch other) {
        return reference.equals(other.reference) && sku.equals(other.sku)
                && purchasedQuantity == other.purchasedQuantity && Objects.equals(eta, other.eta);
    }

    /** A deep copy, for {@link Product#copy()}. */
    Batch copy() {
        Batch copy = new Batch();
        copy.reference = reference;
        copy.sku = sku;
        copy.purchasedQuantity = purchasedQuantity;
        copy.eta = eta;
        copy.allocations.addAll(allocations);
        copy.allocatedQuantity = allocatedQuantity;
        return copy;
    }

    void allocate(OrderLine line) {
        if (!canAllocate(line)) {
            throw new InvalidValue("Batch " + reference + " cannot take " + line);
        }
        if (allocations.add(line)) {
            allocatedQuantity += line.qty();
        }
    }

    /**
     * Sets the purchased quantity and gives back the lines it no longer covers: the most recently
     * allocated first, because the oldest allocations are the ones customers have waited on longest.
     */
    List<OrderLine> changePurchasedQuantity(int newQuantity) {
        purchasedQuantity = Require.atLeast("qty", newQuantity, 0);
        if (availableQuantity() >= 0) {
            return List.of();
        }
        List<OrderLine> newestFirst = new ArrayList<>(allocations);
        Collections.reverse(newestFirst);
        List<OrderLine> deallocated = new ArrayList<>();
        for (OrderLine line : newestFirst) {
            if (availableQuantity() >= 0) {
                break;
            }
            allocations.remove(line);
            allocatedQuantity -= line.qty();
            deallocated.add(line);
        }
        return deallocated;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Batch batch && reference.equals(batch.reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }

    @Override
    public String toString() {
        return "Batch[" + reference + ", " + sku + ", " + availableQuantity() + "/" + purchasedQuantity
                + (eta == null ? ", in warehouse" : ", eta " + eta) + "]";
    }
}
