package org.example.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

    @Test
    void allocatesFromTheWarehouseThenMovesTheLineToTheShipmentWhenTheWarehouseBatchShrinks() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        EmbeddingExample.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(List.of(
                        "line_allocated Allocated[orderid=order-1, sku=LAMP, qty=15, batchref=batch-1]",
                        "order-1 went to batch-1",
                        "line_allocated Allocated[orderid=order-1, sku=LAMP, qty=15, batchref=batch-2]",
                        "order-1 is now in [Allocation[sku=LAMP, batchref=batch-2]]"),
                printed.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
