package org.allocation.adapters.persistence.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.allocation.adapters.config.Persistence;
import org.allocation.adapters.delivery.ReallocationRecovery;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What a unit of work keeps beside the aggregates, in the same transaction: outbox, pending lines, message ids. */
@ParameterizedClass(name = "{0}")
@EnumSource(Persistence.class)
class DeliveryRecordsIT {

    @Parameter
    Persistence persistence;

    private static TestStorage storage;
    private MessageBus bus;

    @BeforeAll
    static void createDatabase() {
        storage = TestStorage.create();
    }

    @BeforeEach
    void startBus() {
        // Publishing does nothing here: what matters is what the units of work stored.
        bus = Bootstrap.messageBus(storage.unitsOfWork(persistence), new LoggingNotifications(), (channel, event) -> { },
                RetryPolicy.standard());
    }

    @AfterAll
    static void dropDatabase() {
        storage.close();
    }

    @Test
    void anAllocationStoresItsEventInTheOutboxAsTheBookSpellsIt() {
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));

        bus.handle(new Allocate("o1-" + sku, sku, 3));

        assertThat(outboxPayloadsFor(sku)).containsExactly("{\"orderid\":\"o1-" + sku + "\",\"sku\":\"" + sku
                + "\",\"qty\":3,\"batchref\":\"b-" + sku + "\"}");
        assertThat(storage.value("SELECT destination FROM outbox WHERE payload LIKE ?", "%" + sku + "%"))
                .isEqualTo("line_allocated");
    }

    @Test
    void anAllocationRolledBackLeavesNothingInTheOutbox() {
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().get(sku).orElseThrow().allocate(new OrderLine("o1-" + sku, sku, 3));
        }

        assertThat(outboxPayloadsFor(sku)).isEmpty();
    }

    @Test
    void aMessageDeliveredTwiceChangesThingsOnce() {
        String sku = TestRedis.unique("LAMP");
        bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));
        String messageId = "allocate:" + sku;

        boolean first = bus.handleOnce(new Allocate("o1-" + sku, sku, 3), messageId, messageId);
        boolean second = bus.handleOnce(new Allocate("o2-" + sku, sku, 3), messageId, messageId);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(storage.value("SELECT count(*) FROM allocations WHERE sku = ?", sku)).isEqualTo(1L);
        assertThat(storage.value("SELECT count(*) FROM processed_messages WHERE message_id = ?", messageId))
                .isEqualTo(1L);
    }

    @Test
    void aShrinkCommittedWithoutItsReallocationIsReallocatedByTheRecovery() {
        String sku = TestRedis.unique("TABLE");
        bus.handle(CreateBatch.inWarehouse("warehouse-" + sku, sku, 10));
        bus.handle(CreateBatch.inShipment("shipment-" + sku, sku, 10, LocalDate.of(2031, 1, 1)));
        bus.handle(new Allocate("o1-" + sku, sku, 8));
        commitWithoutHandlingEvents(new ChangeBatchQuantity("warehouse-" + sku, 5));
        assertThat(pendingLinesOf(sku)).containsExactly(List.of("o1-" + sku, 8));

        new ReallocationRecovery(new SqlPendingReallocations(storage.pool()), bus, Duration.ZERO).run();

        assertThat(pendingLinesOf(sku)).isEmpty();
        assertThat(storage.value("SELECT batch_reference FROM allocations WHERE orderid = ?", "o1-" + sku))
                .isEqualTo("shipment-" + sku);
        assertThat(outboxPayloadsFor(sku)).last().asString().contains("shipment-" + sku);
    }

    @Test
    void aReallocationThatCommitsSettlesItsPendingLine() {
        String sku = TestRedis.unique("TABLE");
        bus.handle(CreateBatch.inWarehouse("warehouse-" + sku, sku, 10));
        bus.handle(CreateBatch.inShipment("shipment-" + sku, sku, 10, LocalDate.of(2031, 1, 1)));
        bus.handle(new Allocate("o1-" + sku, sku, 8));

        bus.handle(new ChangeBatchQuantity("warehouse-" + sku, 5));

        assertThat(pendingLinesOf(sku)).isEmpty();
        assertThat(storage.value("SELECT batch_reference FROM allocations WHERE orderid = ?", "o1-" + sku))
                .isEqualTo("shipment-" + sku);
    }

    /** As if the process died right after the command's commit, before the bus handled its events. */
    private void commitWithoutHandlingEvents(ChangeBatchQuantity command) {
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().getByBatchRef(command.ref()).orElseThrow();
            product.changeBatchQuantity(command.ref(), command.qty());
            uow.commit();
        }
    }

    private static List<Object> outboxPayloadsFor(String sku) {
        return storage.rows("SELECT payload FROM outbox WHERE payload LIKE ? ORDER BY id", "%\"" + sku + "\"%")
                .stream().map(row -> row.get(0)).toList();
    }

    private static List<List<Object>> pendingLinesOf(String sku) {
        return storage.rows("SELECT orderid, qty FROM pending_reallocations WHERE sku = ?", sku);
    }
}
