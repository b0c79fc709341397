package org.allocation.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import org.allocation.adapters.testing.ClosedPort;
import org.allocation.adapters.testing.TestRedis;
import org.allocation.adapters.testing.TestStorage;
import org.allocation.service.ports.AllocationsView.Allocation;
import org.allocation.service.ports.StorageUnavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlAllocationsViewIT {

    @RegisterExtension
    static final TestStorage storage = TestStorage.create();

    @Test
    void findsWhereEachLineOfAnOrderWasAllocated() {
        String orderid = TestRedis.unique("order");
        allocate(orderid, "TABLE", "table-batch");
        allocate(orderid, "CHAIR", "chair-batch");
        allocate(TestRedis.unique("other-order"), "TABLE", "table-batch");

        var allocations = new SqlAllocationsView(storage.pool()).allocationsFor(orderid);

        assertThat(allocations).containsExactlyInAnyOrder(
                new Allocation("TABLE", "table-batch"), new Allocation("CHAIR", "chair-batch"));
    }

    @Test
    void findsNothingForAnOrderWithoutAllocations() {
        var allocations = new SqlAllocationsView(storage.pool()).allocationsFor("never-ordered");

        assertThat(allocations).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsStorageUnavailable() {
        try (HikariDataSource down = ConnectionPool.open("jdbc:postgresql://127.0.0.1:" + ClosedPort.find() + "/x",
                "nobody", "", 1)) {

            assertThatThrownBy(() -> new SqlAllocationsView(down).allocationsFor("o1"))
                    .isInstanceOf(StorageUnavailable.class);
        }
    }

    private static void allocate(String orderid, String sku, String batchref) {
        storage.update("INSERT INTO products (sku, version_number) VALUES (?, 1) ON CONFLICT DO NOTHING", sku);
        storage.update("INSERT INTO batches (reference, sku, purchased_quantity) VALUES (?, ?, 100) "
                + "ON CONFLICT DO NOTHING", batchref, sku);
        storage.update("INSERT INTO allocations (batch_reference, orderid, sku, qty) VALUES (?, ?, ?, 1)",
                batchref, orderid, sku);
    }
}
