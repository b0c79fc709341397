package org.example.allocation;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Optional;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.inmemory.InMemoryAllocation;

/**
 * The whole allocation service in this JVM, with no server: stock arrives, an order line is allocated, the
 * warehouse batch shrinks and the line moves to the shipment. Prints every event it hears and where the
 * order ended up. The code between the tags is the README's embedding snippet, word for word.
 */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        // tag::embedding[]
        InMemoryAllocation allocation = InMemoryAllocation.start();
        allocation.publisher().subscribe((channel, event) -> out.println(channel + " " + event));

        allocation.bus().handle(CreateBatch.inWarehouse("batch-1", "LAMP", 20));
        allocation.bus().handle(CreateBatch.inShipment("batch-2", "LAMP", 20, LocalDate.of(2030, 1, 1)));
        Optional<String> batchref = allocation.bus().handle(new Allocate("order-1", "LAMP", 15));
        out.println("order-1 went to " + batchref.orElse("nowhere"));

        allocation.bus().handle(new ChangeBatchQuantity("batch-1", 10));
        out.println("order-1 is now in " + allocation.views().allocationsFor("order-1"));
        // end::embedding[]
    }
}
