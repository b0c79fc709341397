package org.allocation.service.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.model.UnknownBatch;
import org.allocation.service.fakes.FakeNotifications.Sent;
import org.allocation.service.fakes.FakeEventPublisher.Published;
import org.allocation.service.fakes.TestBus;
import org.allocation.service.ports.AllocationsView.Allocation;
import org.allocation.service.ports.UnitOfWork;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HandlersTest {

    private final TestBus test = new TestBus();

    private int available(String ref) {
        try (UnitOfWork uow = test.unitsOfWork.start()) {
            return uow.products().getByBatchRef(ref).orElseThrow().batch(ref).orElseThrow().availableQuantity();
        }
    }

    @Nested
    class AddBatch {

        @Test
        void forNewProduct() {
            test.bus.handle(CreateBatch.inWarehouse("b1", "CRUNCHY-ARMCHAIR", 100));

            try (UnitOfWork uow = test.unitsOfWork.start()) {
                assertThat(uow.products().get("CRUNCHY-ARMCHAIR")).isPresent();
            }
            assertThat(test.unitsOfWork.commits()).isEqualTo(1);
        }

        @Test
        void forExistingProduct() {
            test.bus.handle(CreateBatch.inWarehouse("b1", "GARISH-RUG", 100));
            test.bus.handle(CreateBatch.inWarehouse("b2", "GARISH-RUG", 99));

            try (UnitOfWork uow = test.unitsOfWork.start()) {
                assertThat(uow.products().get("GARISH-RUG").orElseThrow().batches())
                        .extracting(b -> b.reference()).containsExactly("b1", "b2");
            }
        }

        @Test
        void theSameBatchTwiceIsTakenOnce() {
            test.bus.handle(CreateBatch.inShipment("b1", "RUG", 10, LocalDate.of(2026, 12, 1)));

            test.bus.handle(CreateBatch.inShipment("b1", "RUG", 10, LocalDate.of(2026, 12, 1)));

            assertThat(test.unitsOfWork.commits()).isEqualTo(1);
        }

        @Test
        void anotherBatchUnderATakenReferenceIsRefused() {
            test.bus.handle(CreateBatch.inWarehouse("b1", "RUG", 10));

            assertThatThrownBy(() -> test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10)))
                    .isInstanceOf(BatchReferenceTaken.class)
                    .hasMessage("Batch b1 already exists with other content");
            assertThatThrownBy(() -> test.bus.handle(CreateBatch.inWarehouse("b1", "RUG", 11)))
                    .isInstanceOf(BatchReferenceTaken.class);
        }
    }

    @Nested
    class AllocateLine {

        @Test
        void returnsAllocation() {
            test.bus.handle(CreateBatch.inWarehouse("batch1", "COMPLICATED-LAMP", 100));

            var batchref = test.bus.handle(new Allocate("o1", "COMPLICATED-LAMP", 10));

            assertThat(batchref).contains("batch1");
        }

        @Test
        void errorsForInvalidSku() {
            test.bus.handle(CreateBatch.inWarehouse("b1", "AREALSKU", 100));

            assertThatThrownBy(() -> test.bus.handle(new Allocate("o1", "NONEXISTENTSKU", 10)))
                    .isInstanceOf(InvalidSku.class)
                    .hasMessage("Invalid sku NONEXISTENTSKU");
        }

        @Test
        void commits() {
            test.bus.handle(CreateBatch.inWarehouse("b1", "OMINOUS-MIRROR", 100));

            test.bus.handle(new Allocate("o1", "OMINOUS-MIRROR", 10));

            assertThat(test.unitsOfWork.commits()).isEqualTo(2);
            assertThat(available("b1")).isEqualTo(90);
        }

        @Test
        void sendsEmailOnOutOfStockError() {
            test.bus.handle(CreateBatch.inWarehouse("b1", "POPULAR-CURTAINS", 9));

            var batchref = test.bus.handle(new Allocate("o1", "POPULAR-CURTAINS", 10));

            assertThat(batchref).isEmpty();
            assertThat(test.notifications.sent())
                    .containsExactly(new Sent("stock@made.com", "Out of stock for POPULAR-CURTAINS"));
        }

        @Test
        void publishesEveryAllocationOnLineAllocated() {
            test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

            test.bus.handle(new Allocate("o1", "LAMP", 3));

            assertThat(test.publisher.published())
                    .containsExactly(new Published("line_allocated", new Allocated("o1", "LAMP", 3, "b1")));
        }

        @Test
        void aLineSentTwiceIsAllocatedAndPublishedOnce() {
            test.bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

            var first = test.bus.handle(new Allocate("o1", "LAMP", 3));
            var second = test.bus.handle(new Allocate("o1", "LAMP", 3));

            assertThat(second).isEqualTo(first).contains("b1");
            assertThat(available("b1")).isEqualTo(7);
            assertThat(test.publisher.events()).hasSize(1);
        }
    }

    @Nested
    class ChangeQuantity {

        @Test
        void changesAvailableQuantity() {
            test.bus.handle(CreateBatch.inWarehouse("batch1", "ADORABLE-SETTEE", 100));

            test.bus.handle(new ChangeBatchQuantity("batch1", 50));

            assertThat(available("batch1")).isEqualTo(50);
        }

        @Test
        void reallocatesIfNecessary() {
            test.bus.handle(CreateBatch.inWarehouse("batch1", "INDIFFERENT-TABLE", 50));
            test.bus.handle(CreateBatch.inShipment("batch2", "INDIFFERENT-TABLE", 50, LocalDate.now()));
            test.bus.handle(new Allocate("order1", "INDIFFERENT-TABLE", 20));
            test.bus.handle(new Allocate("order2", "INDIFFERENT-TABLE", 20));
            assertThat(available("batch1")).isEqualTo(10);
            assertThat(available("batch2")).isEqualTo(50);

            test.bus.handle(new ChangeBatchQuantity("batch1", 25));

            // order1 or order2 will be deallocated, so we'll have 25 - 20
            assertThat(available("batch1")).isEqualTo(5);
            // and 20 will be reallocated to the next batch
            assertThat(available("batch2")).isEqualTo(30);
            assertThat(test.publisher.events()).last()
                    .isEqualTo(new Allocated("order2", "INDIFFERENT-TABLE", 20, "batch2"));
        }

        @Test
        void aLineNoBatchCanTakeAgainIsOutOfStock() {
            test.bus.handle(CreateBatch.inWarehouse("only", "CHAIR", 10));
            test.bus.handle(new Allocate("o1", "CHAIR", 8));

            test.bus.handle(new ChangeBatchQuantity("only", 5));

            assertThat(available("only")).isEqualTo(5);
            assertThat(test.notifications.sent()).extracting(Sent::message).containsExactly("Out of stock for CHAIR");
            assertThat(test.views.allocationsFor("o1")).isEmpty();
        }

        @Test
        void anUnknownBatchIsRefused() {
            assertThatThrownBy(() -> test.bus.handle(new ChangeBatchQuantity("ghost", 5)))
                    .isInstanceOf(UnknownBatch.class)
                    .hasMessage("Unknown batch ghost");
        }
    }

    @Test
    void theBooksWholeScenarioRunsInMemory() {
        test.bus.handle(CreateBatch.inWarehouse("warehouse", "SOFA", 10));
        test.bus.handle(CreateBatch.inShipment("soon", "SOFA", 10, LocalDate.of(2026, 12, 1)));
        test.bus.handle(CreateBatch.inShipment("later", "SOFA", 5, LocalDate.of(2027, 1, 1)));
        assertThat(test.bus.handle(new Allocate("o1", "SOFA", 6))).contains("warehouse");
        assertThat(test.bus.handle(new Allocate("o2", "SOFA", 6))).contains("soon");
        assertThat(test.bus.handle(new Allocate("o3", "SOFA", 4))).contains("warehouse");

        test.bus.handle(new ChangeBatchQuantity("warehouse", 6));
        test.bus.handle(new ChangeBatchQuantity("soon", 0));

        assertThat(test.views.allocationsFor("o1")).containsExactly(new Allocation("SOFA", "warehouse"));
        assertThat(test.views.allocationsFor("o3")).containsExactly(new Allocation("SOFA", "later"));
        assertThat(test.views.allocationsFor("o2")).isEmpty();
        assertThat(test.notifications.sent()).extracting(Sent::message).containsExactly("Out of stock for SOFA");
        assertThat(test.publisher.events()).containsExactly(
                new Allocated("o1", "SOFA", 6, "warehouse"),
                new Allocated("o2", "SOFA", 6, "soon"),
                new Allocated("o3", "SOFA", 4, "warehouse"),
                new Allocated("o3", "SOFA", 4, "soon"),
                new Allocated("o3", "SOFA", 4, "later"));
    }
}
