package org.allocation.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * What a partial view leaves unloaded is invisible to the rules: for every write, a product loaded as the
 * repository may load it for that write decides exactly as the whole product (the answer or refusal, the events
 * recorded, the version), and storing its changes over the whole product gives the whole product's result.
 */
class PartialViewsTest {

    private static final String SKU = "SOFA";

    @Property(tries = 500)
    void anAllocationDecidesOnItsPartialViewAsOnTheWholeProduct(@ForAll("histories") List<Step> history,
                                                                @ForAll("lines") OrderLine line) {
        assertSameDecisionAndResult(history, whole -> PartialViews.forAllocation(whole, line),
                product -> product.allocate(line));
    }

    @Property(tries = 500)
    void aChangeOfQuantityDecidesOnItsPartialViewAsOnTheWholeProduct(@ForAll("histories") List<Step> history,
                                                                     @ForAll("batchNumbers") int batch,
                                                                     @ForAll("quantities") int qty) {
        String reference = "b" + batch;
        assertSameDecisionAndResult(history, whole -> PartialViews.forQuantityChange(whole, reference, qty),
                product -> {
                    product.changeBatchQuantity(reference, qty);
                    return null;
                });
    }

    @Property(tries = 500)
    void aNewBatchIsTakenOnItsPartialViewAsOnTheWholeProduct(@ForAll("histories") List<Step> history,
                                                             @ForAll("batchNumbers") int batch,
                                                             @ForAll("quantities") int qty) {
        Batch added = Batch.inWarehouse("b" + batch, SKU, qty + 1);
        assertSameDecisionAndResult(history, whole -> PartialViews.forNewBatch(whole, added.reference()),
                product -> {
                    product.addBatch(added);
                    return null;
                });
    }

    private static void assertSameDecisionAndResult(List<Step> history, Function<Product, Product> view,
                                                    Function<Product, Object> write) {
        Product whole = replay(history);
        Product partial = view.apply(whole.copy());
        State before = State.of(whole);
        State partialBefore = State.of(partial);

        Object wholeAnswer = answer(() -> write.apply(whole));
        Object partialAnswer = answer(() -> write.apply(partial));

        assertThat(partialAnswer).isEqualTo(wholeAnswer);
        assertThat(partial.pullEvents()).isEqualTo(whole.pullEvents());
        assertThat(before.withChanges(partialBefore, State.of(partial))).isEqualTo(State.of(whole));
    }

    private static Object answer(Supplier<Object> write) {
        try {
            return write.get();
        } catch (RuntimeException refused) {
            return refused.getClass();
        }
    }

    /** A history: batches taken in, lines allocated, quantities changed, in some order. */
    private static Product replay(List<Step> history) {
        Product product = Product.withoutStock(SKU);
        for (Step step : history) {
            answer(() -> {
                step.applyTo(product);
                return null;
            });
        }
        product.pullEvents();
        return product;
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> addBatch = Combinators.combine(batchNumbers(), quantities(), Arbitraries.integers().between(0, 3))
                .as((batch, qty, eta) -> product -> product.addBatch(eta == 0
                        ? Batch.inWarehouse("b" + batch, SKU, qty + 1)
                        : Batch.inShipment("b" + batch, SKU, qty + 1, LocalDate.of(2030, 1, eta))));
        Arbitrary<Step> allocate = lines().map(line -> product -> product.allocate(line));
        Arbitrary<Step> change = Combinators.combine(batchNumbers(), quantities())
                .as((batch, qty) -> product -> product.changeBatchQuantity("b" + batch, qty));
        return Arbitraries.frequencyOf(
                        Tuple.of(2, addBatch), Tuple.of(6, allocate),
                        Tuple.of(1, change))
                .list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<OrderLine> lines() {
        return Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.integers().between(1, 6))
                .as((order, qty) -> new OrderLine("o" + order, SKU, qty));
    }

    @Provide
    Arbitrary<Integer> batchNumbers() {
        return Arbitraries.integers().between(0, 4);
    }

    @Provide
    Arbitrary<Integer> quantities() {
        return Arbitraries.integers().between(0, 25);
    }

    @FunctionalInterface
    interface Step {
        void applyTo(Product product);
    }

    private record BatchState(int purchased, Optional<LocalDate> eta, int allocated, List<OrderLine> lines) {
    }

    /** What a store keeps of a product: its version and each batch, by reference. */
    private record State(int version, Map<String, BatchState> batches) {

        static State of(Product product) {
            Map<String, BatchState> batches = new LinkedHashMap<>();
            product.batches().stream().sorted(Batch.ALLOCATION_ORDER).forEach(batch -> batches.put(batch.reference(),
                    new BatchState(batch.purchasedQuantity(), batch.eta(), batch.allocatedQuantity(),
                            batch.allocations())));
            return new State(product.versionNumber(), batches);
        }

        /**
         * This whole state with what a partial view changed written over it, as a store writes it: each loaded
         * batch's quantities, the lines it no longer holds removed, the lines it gained added after the others.
         */
        State withChanges(State partialBefore, State partialAfter) {
            Map<String, BatchState> merged = new LinkedHashMap<>(batches);
            partialAfter.batches.forEach((reference, after) -> {
                BatchState loaded = partialBefore.batches.get(reference);
                List<OrderLine> lines = new ArrayList<>(loaded == null ? List.of() : batches.get(reference).lines());
                List<OrderLine> loadedLines = loaded == null ? List.of() : loaded.lines();
                lines.removeIf(line -> loadedLines.contains(line) && !after.lines().contains(line));
                after.lines().stream().filter(line -> !loadedLines.contains(line)).forEach(lines::add);
                merged.put(reference, new BatchState(after.purchased(), after.eta(), after.allocated(), lines));
            });
            return new State(partialAfter.version, merged);
        }
    }
}
