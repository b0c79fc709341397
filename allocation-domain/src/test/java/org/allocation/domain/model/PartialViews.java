package org.allocation.domain.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The partial views of a product that a repository may hand out for each write (ProductRepository's contract),
 * built from the whole product: what a store that leaves the rest unloaded hands the domain.
 */
final class PartialViews {

    private PartialViews() {
    }

    /** The batches that can take the line or hold a line of its order, each with only that order's lines. */
    static Product forAllocation(Product whole, OrderLine line) {
        List<Batch> batches = new ArrayList<>();
        for (Batch batch : whole.batches()) {
            List<OrderLine> ofOrder = batch.allocations().stream()
                    .filter(held -> held.orderid().equals(line.orderid())).toList();
            if (batch.availableQuantity() >= line.qty() || !ofOrder.isEmpty()) {
                batches.add(restore(batch, ofOrder));
            }
        }
        return new Product(whole.sku(), batches, whole.versionNumber());
    }

    /** The batch alone, with only its newest lines, as many as a change to {@code qty} gives back. */
    static Product forQuantityChange(Product whole, String reference, int qty) {
        List<Batch> batches = new ArrayList<>();
        whole.batch(reference).ifPresent(batch -> {
            int excess = batch.allocatedQuantity() - qty;
            List<OrderLine> newest = new ArrayList<>();
            List<OrderLine> newestFirst = new ArrayList<>(batch.allocations());
            Collections.reverse(newestFirst);
            int covered = 0;
            for (OrderLine line : newestFirst) {
                if (covered >= excess) {
                    break;
                }
                newest.add(0, line);
                covered += line.qty();
            }
            batches.add(restore(batch, newest));
        });
        return new Product(whole.sku(), batches, whole.versionNumber());
    }

    /** Only the batch already under this reference, if any, without its lines. */
    static Product forNewBatch(Product whole, String reference) {
        List<Batch> batches = whole.batch(reference).map(batch -> List.of(restore(batch, List.of()))).orElse(List.of());
        return new Product(whole.sku(), batches, whole.versionNumber());
    }

    private static Batch restore(Batch batch, List<OrderLine> lines) {
        return Batch.restore(batch.reference(), batch.sku(), batch.purchasedQuantity(), batch.eta(),
                batch.allocatedQuantity(), lines);
    }
}
