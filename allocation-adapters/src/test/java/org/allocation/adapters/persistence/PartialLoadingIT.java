package org.allocation.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.allocation.adapters.config.Persistence;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.domain.events.Deallocated;
import org.allocation.domain.events.Event;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Changing a batch's quantity and adding a batch read only what their rules can touch, and a product read that
 * way decides, and is stored, exactly as the whole product would be: the contract of
 * {@code ProductRepository.getForQuantityChange} and {@code getForNewBatch} for both adapters.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Persistence.class)
class PartialLoadingIT {

    private static final int RANDOM_HISTORIES = 30;

    @Parameter
    Persistence persistence;

    @RegisterExtension
    static final TestStorage storage = TestStorage.create();

    @Test
    void aShrinkingBatchIsReadAloneWithOnlyTheNewestLinesItGivesBack() {
        String sku = TestRedis.unique("PARTIAL-SOFA");
        Batch batch = Batch.inWarehouse("b-" + sku, sku, 10);
        givenProduct(sku, batch, Batch.inShipment("s-" + sku, sku, 10, LocalDate.of(2030, 1, 1)));
        for (int i = 1; i <= 5; i++) {
            allocate(new OrderLine("o" + i, sku, 2));
        }

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().getForQuantityChange("b-" + sku, 7).orElseThrow();

            assertThat(product.batches()).extracting(Batch::reference).containsExactly("b-" + sku);
            // Hibernate reads every line of the batch: it writes a shrunk batch's lines whole (HibernateUnitOfWork).
            List<OrderLine> givenBack = List.of(new OrderLine("o4", sku, 2), new OrderLine("o5", sku, 2));
            if (persistence == Persistence.SQL) {
                assertThat(product.batches().get(0).allocations()).containsExactlyElementsOf(givenBack);
            } else {
                assertThat(product.batches().get(0).allocations()).hasSize(5).endsWith(givenBack.toArray(OrderLine[]::new));
            }
            assertThat(product.batches().get(0).allocatedQuantity()).isEqualTo(10);
        }
    }

    @Test
    void aShrinkKeepsEveryLineItDoesNotGiveBack() {
        String sku = TestRedis.unique("PARTIAL-DESK");
        givenProduct(sku, Batch.inWarehouse("b-" + sku, sku, 10));
        for (int i = 1; i <= 5; i++) {
            allocate(new OrderLine("o" + i, sku, 2));
        }

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().getForQuantityChange("b-" + sku, 7).orElseThrow().changeBatchQuantity("b-" + sku, 7);
            uow.commit();
        }

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Batch batch = uow.products().get(sku).orElseThrow().batch("b-" + sku).orElseThrow();
            assertThat(batch.allocations()).containsExactly(
                    new OrderLine("o1", sku, 2), new OrderLine("o2", sku, 2), new OrderLine("o3", sku, 2));
            assertThat(batch.allocatedQuantity()).isEqualTo(6);
        }
    }

    @Test
    void aBatchThatStillCoversItsAllocationsIsReadWithoutAnyLine() {
        String sku = TestRedis.unique("PARTIAL-DESK");
        givenProduct(sku, Batch.inWarehouse("b-" + sku, sku, 10));
        allocate(new OrderLine("o1", sku, 4));

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().getForQuantityChange("b-" + sku, 4).orElseThrow();
            product.changeBatchQuantity("b-" + sku, 4);
            uow.commit();

            assertThat(uow.collectNewEvents()).isEmpty();
        }
        assertThat(storage.rows("SELECT orderid FROM allocations WHERE sku = ?", sku)).containsExactly(List.of("o1"));
    }

    @Test
    void aShrinkToNothingGivesBackEveryLineNewestFirst() {
        String sku = TestRedis.unique("PARTIAL-RUG");
        givenProduct(sku, Batch.inWarehouse("b-" + sku, sku, 10));
        allocate(new OrderLine("old", sku, 3));
        allocate(new OrderLine("new", sku, 1));

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().getForQuantityChange("b-" + sku, 0).orElseThrow().changeBatchQuantity("b-" + sku, 0);
            uow.commit();

            assertThat(uow.collectNewEvents()).containsExactly(new Deallocated("new", sku, 1),
                    new Deallocated("old", sku, 3));
        }
        assertThat(storage.value("SELECT count(*) FROM allocations WHERE sku = ?", sku)).isEqualTo(0L);
    }

    @Test
    void aNewBatchSeesTheProductsVersionButNoneOfItsBatches() {
        String sku = TestRedis.unique("PARTIAL-LAMP");
        givenProduct(sku, Batch.inWarehouse("b-" + sku, sku, 10));
        allocate(new OrderLine("o1", sku, 4));

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().getForNewBatch(sku, "n-" + sku).orElseThrow();

            assertThat(product.batches()).isEmpty();
            assertThat(product.versionNumber()).isEqualTo(1);
            product.addBatch(Batch.inWarehouse("n-" + sku, sku, 5));
            uow.commit();
        }
        assertThat(storage.rows("SELECT reference, allocated_quantity FROM batches WHERE sku = ? ORDER BY reference",
                sku)).containsExactly(List.of("b-" + sku, 4), List.of("n-" + sku, 0));
    }

    @Test
    void aNewBatchUnderATakenReferenceSeesTheBatchThatHasIt() {
        String owner = TestRedis.unique("PARTIAL-OWNER");
        String other = TestRedis.unique("PARTIAL-OTHER");
        givenProduct(owner, Batch.inWarehouse("b-" + owner, owner, 10), Batch.inWarehouse("c-" + owner, owner, 5));
        givenProduct(other, Batch.inWarehouse("b-" + other, other, 10));

        Optional<Product> sameSku = forNewBatch(owner, "c-" + owner);
        Optional<Product> otherSku = forNewBatch(other, "b-" + owner);
        Optional<Product> neither = forNewBatch(TestRedis.unique("PARTIAL-NONE"), "x-" + other);

        assertThat(sameSku.orElseThrow().batches()).extracting(Batch::reference).containsExactly("c-" + owner);
        assertThat(otherSku.orElseThrow().sku()).isEqualTo(owner);
        assertThat(otherSku.orElseThrow().batches()).extracting(Batch::reference).containsExactly("b-" + owner);
        assertThat(neither).isEmpty();
    }

    /** Read in a unit of work of its own: one unit of work reads a SKU once, whatever the view. */
    private Optional<Product> forNewBatch(String sku, String reference) {
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Optional<Product> product = uow.products().getForNewBatch(sku, reference);
            product.ifPresent(Product::batches);
            return product;
        }
    }

    /**
     * Random histories and random writes (seeded: a failure names its seed): each write is made once on the whole
     * product and thrown away, and once on the partly loaded product and committed; both decide the same (answer,
     * events, refusal), and what is stored afterwards is the whole product's result.
     */
    @Test
    void everyWriteDecidesOnAPartlyLoadedProductExactlyAsOnTheWholeOneAndIsStoredTheSame() {
        for (long seed = 1; seed <= RANDOM_HISTORIES; seed++) {
            Random random = new Random(seed * 7919 + persistence.ordinal());
            String sku = TestRedis.unique("PARTIAL-RANDOM-" + seed);
            givenRandomHistory(random, sku);
            Write write = Write.random(random, sku, batchReferences(sku));

            Outcome whole;
            try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
                Product product = uow.products().get(sku).orElseThrow();
                whole = write.applyTo(product);
                whole = whole.withState(ProductState.of(product));
            }
            Outcome partial;
            // Half of them as a retry after a lost race reads: taking the product's turn (its row locked).
            UnitOfWorkFactory unitsOfWork = storage.unitsOfWork(persistence);
            try (UnitOfWork uow = seed % 2 == 0 ? unitsOfWork.start() : unitsOfWork.startTakingTurns()) {
                partial = write.applyTo(write.load(uow).orElseThrow());
                uow.commit();
            }
            ProductState stored;
            try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
                stored = ProductState.of(uow.products().get(sku).orElseThrow());
            }

            assertThat(partial.decision()).as("seed %d, %s", seed, write).isEqualTo(whole.decision());
            assertThat(stored).as("seed %d, %s", seed, write).isEqualTo(whole.state());
        }
    }

    private void givenRandomHistory(Random random, String sku) {
        List<Batch> batches = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            int qty = 1 + random.nextInt(20);
            batches.add(random.nextBoolean() ? Batch.inWarehouse(sku + "-b" + i, sku, qty)
                    : Batch.inShipment(sku + "-b" + i, sku, qty, LocalDate.of(2030, 1, 1 + random.nextInt(5))));
        }
        givenProduct(sku, batches.toArray(Batch[]::new));
        int lines = random.nextInt(25);
        for (int i = 0; i < lines; i++) {
            allocate(new OrderLine("o" + random.nextInt(15), sku, 1 + random.nextInt(5)));
        }
    }

    private List<String> batchReferences(String sku) {
        return storage.rows("SELECT reference FROM batches WHERE sku = ? ORDER BY reference", sku).stream()
                .map(row -> (String) row.get(0)).toList();
    }

    private void givenProduct(String sku, Batch... batches) {
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().add(new Product(sku, List.of(batches), 0));
            uow.commit();
        }
    }

    private void allocate(OrderLine line) {
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().getForAllocation(line).orElseThrow().allocate(line);
            uow.commit();
        }
    }

    /** One of the product's writes, with the partial view the repository offers for it. */
    private sealed interface Write {

        static Write random(Random random, String sku, List<String> references) {
            return switch (random.nextInt(3)) {
                case 0 -> new Allocate(new OrderLine("o" + random.nextInt(20), sku, 1 + random.nextInt(6)));
                case 1 -> new ChangeQuantity(references.get(random.nextInt(references.size())), random.nextInt(25));
                default -> new AddBatch(random.nextBoolean() ? sku + "-new"
                        : references.get(random.nextInt(references.size())), sku, 1 + random.nextInt(20));
            };
        }

        Optional<Product> load(UnitOfWork uow);

        /** The answer, or the refusal's type, and the events recorded. */
        Outcome applyTo(Product product);
    }

    private record Allocate(OrderLine line) implements Write {
        public Optional<Product> load(UnitOfWork uow) {
            return uow.products().getForAllocation(line);
        }

        public Outcome applyTo(Product product) {
            return Outcome.of(product, () -> product.allocate(line));
        }
    }

    private record ChangeQuantity(String reference, int qty) implements Write {
        public Optional<Product> load(UnitOfWork uow) {
            return uow.products().getForQuantityChange(reference, qty);
        }

        public Outcome applyTo(Product product) {
            return Outcome.of(product, () -> {
                product.changeBatchQuantity(reference, qty);
                return null;
            });
        }
    }

    private record AddBatch(String reference, String sku, int qty) implements Write {
        public Optional<Product> load(UnitOfWork uow) {
            return uow.products().getForNewBatch(sku, reference);
        }

        public Outcome applyTo(Product product) {
            return Outcome.of(product, () -> {
                product.addBatch(Batch.inWarehouse(reference, sku, qty));
                return null;
            });
        }
    }

    private record Decision(Object answer, List<Event> events) {
    }

    private record Outcome(Decision decision, ProductState state) {

        static Outcome of(Product product, java.util.function.Supplier<Object> write) {
            Object answer;
            try {
                answer = write.get();
            } catch (RuntimeException refused) {
                answer = refused.getClass().getSimpleName();
            }
            return new Outcome(new Decision(answer, product.pullEvents()), null);
        }

        Outcome withState(ProductState state) {
            return new Outcome(decision, state);
        }
    }

    private record BatchState(String reference, int purchased, Optional<LocalDate> eta, int allocated,
                              List<OrderLine> lines) {
    }

    private record ProductState(int version, List<BatchState> batches) {

        static ProductState of(Product product) {
            return new ProductState(product.versionNumber(), product.batches().stream()
                    .sorted(java.util.Comparator.comparing(Batch::reference))
                    .map(batch -> new BatchState(batch.reference(), batch.purchasedQuantity(), batch.eta(),
                            batch.allocatedQuantity(), batch.allocations()))
                    .toList());
        }
    }
}
