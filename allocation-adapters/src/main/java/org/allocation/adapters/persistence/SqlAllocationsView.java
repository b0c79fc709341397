package org.allocation.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.allocation.service.ports.AllocationsView;

/**
 * The read model in plain SQL, as the book's {@code views.py}: reading allocations needs none of the
 * aggregate's rules, so it skips the ORM and reads the table directly (by the index on order id).
 */
public final class SqlAllocationsView implements AllocationsView {

    private static final String BY_ORDER = "SELECT sku, batch_reference FROM allocations WHERE orderid = ?";

    private final DataSource dataSource;

    public SqlAllocationsView(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Allocation> allocationsFor(String orderid) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BY_ORDER)) {
            statement.setString(1, orderid);
            List<Allocation> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new Allocation(rows.getString(1), rows.getString(2)));
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return found;
        } catch (SQLException failure) {
            throw PersistenceErrors.translate("Reading the allocations of order " + orderid, failure);
        }
    }
}
