package org.allocation.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.allocation.adapters.config.Persistence;
import org.allocation.adapters.persistence.hibernate.HibernateSessions;
import org.allocation.adapters.persistence.hibernate.HibernateUnitOfWorkFactory;
import org.allocation.adapters.testing.ClosedPort;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.StorageUnavailable;
import org.allocation.service.ports.UnitOfWork;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The book's repository tests, against PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(Persistence.class)
class ProductRepositoryIT {

    @Parameter
    Persistence persistence;

    @RegisterExtension
    static final TestStorage storage = TestStorage.create();

    @Test
    void savesAProductWithItsBatches() {
        String sku = TestRedis.unique("RUSTY-SOAPDISH");
        Product product = new Product(sku, List.of(Batch.inShipment("b1-" + sku, sku, 100, LocalDate.of(2031, 3, 4))), 1);

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().add(product);
            uow.commit();
        }

        assertThat(storage.rows("SELECT sku, version_number FROM products WHERE sku = ?", sku))
                .containsExactly(List.of(sku, 1));
        assertThat(storage.rows("SELECT reference, purchased_quantity, eta, allocated_quantity FROM batches "
                + "WHERE sku = ?", sku))
                .containsExactly(List.of("b1-" + sku, 100, Date.valueOf(LocalDate.of(2031, 3, 4)), 0));
    }

    @Test
    void retrievesAProductWithItsBatchesAndAllocations() {
        String sku = TestRedis.unique("GENERIC-SOFA");
        storage.update("INSERT INTO products (sku, version_number) VALUES (?, 3)", sku);
        storage.update("INSERT INTO batches (reference, sku, purchased_quantity, allocated_quantity) "
                + "VALUES (?, ?, 100, 12)", "batch1-" + sku, sku);
        storage.update("INSERT INTO batches (reference, sku, purchased_quantity) VALUES (?, ?, 100)", "batch2-" + sku, sku);
        storage.update("INSERT INTO allocations (batch_reference, orderid, sku, qty) VALUES (?, 'order1', ?, 12)",
                "batch1-" + sku, sku);

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            Product product = uow.products().get(sku).orElseThrow();

            assertThat(product.versionNumber()).isEqualTo(3);
            assertThat(product.batches()).extracting(Batch::reference)
                    .containsExactlyInAnyOrder("batch1-" + sku, "batch2-" + sku);
            Batch allocated = product.batch("batch1-" + sku).orElseThrow();
            assertThat(allocated.allocations()).containsExactly(new OrderLine("order1", sku, 12));
            assertThat(allocated.availableQuantity()).isEqualTo(88);
        }
    }

    @Test
    void getsAProductByTheReferenceOfOneOfItsBatches() {
        String sku1 = TestRedis.unique("sku1");
        String sku2 = TestRedis.unique("sku2");
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().add(new Product(sku1, List.of(Batch.inWarehouse("b1-" + sku1, sku1, 100),
                    Batch.inWarehouse("b2-" + sku1, sku1, 100)), 1));
            uow.products().add(new Product(sku2, List.of(Batch.inWarehouse("b3-" + sku2, sku2, 100)), 1));
            uow.commit();
        }

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            assertThat(uow.products().getByBatchRef("b2-" + sku1)).map(Product::sku).contains(sku1);
            assertThat(uow.products().getByBatchRef("b3-" + sku2)).map(Product::sku).contains(sku2);
        }
    }

    @Test
    void findsNothingForAnUnknownSkuOrBatch() {
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            assertThat(uow.products().get("NO-SUCH-SKU")).isEmpty();
            assertThat(uow.products().getByBatchRef("no-such-batch")).isEmpty();
        }
    }

    @Test
    void addsABatchToAProductItAlreadyHas() {
        String sku = TestRedis.unique("GROWING");
        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().add(new Product(sku, List.of(Batch.inWarehouse("b1-" + sku, sku, 10)), 1));
            uow.commit();
        }

        try (UnitOfWork uow = storage.unitsOfWork(persistence).start()) {
            uow.products().get(sku).orElseThrow().addBatch(Batch.inWarehouse("b2-" + sku, sku, 20));
            uow.commit();
        }

        assertThat(storage.rows("SELECT reference FROM batches WHERE sku = ? ORDER BY reference", sku))
                .containsExactly(List.of("b1-" + sku), List.of("b2-" + sku));
        assertThat(storage.value("SELECT version_number FROM products WHERE sku = ?", sku)).isEqualTo(2);
    }

    @Test
    void anUnreachableDatabaseIsStorageUnavailable() {
        try (HikariDataSource down = ConnectionPool.open("jdbc:postgresql://127.0.0.1:" + ClosedPort.find() + "/x",
                "nobody", "", 1);
             SessionFactory sessions = HibernateSessions.build(down);
             UnitOfWork uow = new HibernateUnitOfWorkFactory(sessions).start()) {

            assertThatThrownBy(() -> uow.products().get("LAMP")).isInstanceOf(StorageUnavailable.class);
        }
    }
}
