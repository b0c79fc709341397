package org.allocation.domain.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one allocation in the domain model alone, against the size of a product's history: how many
 * batches it has (all but one exhausted) and how many lines were allocated before. The model should not get
 * slower as history grows; the database-backed cost is measured by the load benchmark.
 *
 * <p>Run with {@code mvn -pl allocation-domain -Pjmh verify} (see the README's Performance section).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllocationBenchmark {

    private static final String SKU = "BENCH-SOFA";

    @Param({"1", "1000"})
    public int batches;

    @Param({"0", "1000", "50000"})
    public int priorAllocations;

    private Product product;
    private long nextOrder;

    @Setup(Level.Iteration)
    public void giveTheProductItsHistory() {
        List<Batch> all = new ArrayList<>();
        for (int i = 1; i < batches; i++) {
            all.add(Batch.inWarehouse("exhausted-" + i, SKU, 10));
        }
        all.add(Batch.inWarehouse("open", SKU, Integer.MAX_VALUE / 2));
        product = new Product(SKU, all, 0);
        for (int i = 1; i < batches; i++) {
            product.allocate(new OrderLine("exhausting-" + i, SKU, 10));
        }
        for (int i = 0; i < priorAllocations; i++) {
            product.allocate(new OrderLine("prior-" + i, SKU, 1));
        }
        product.pullEvents();
    }

    @Benchmark
    public Optional<String> allocateOneLine() {
        Optional<String> batchref = product.allocate(new OrderLine("order-" + nextOrder++, SKU, 1));
        product.pullEvents();
        return batchref;
    }
}
