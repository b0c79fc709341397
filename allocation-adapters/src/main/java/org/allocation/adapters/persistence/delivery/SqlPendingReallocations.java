package org.allocation.adapters.persistence.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.allocation.adapters.delivery.PendingReallocations;
import org.allocation.adapters.persistence.PersistenceErrors;
import org.allocation.domain.events.Deallocated;

/** The {@code pending_reallocations} table, oldest first. */
public final class SqlPendingReallocations implements PendingReallocations {

    private static final String OLDER_THAN = "SELECT orderid, sku, qty FROM pending_reallocations "
            + "WHERE created_at <= now() - make_interval(secs => ?) ORDER BY id LIMIT ?";

    private final DataSource dataSource;

    public SqlPendingReallocations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Deallocated> olderThan(Duration age, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(OLDER_THAN)) {
            select.setDouble(1, age.toMillis() / 1000.0);
            select.setInt(2, limit);
            List<Deallocated> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new Deallocated(rows.getString(1), rows.getString(2), rows.getInt(3)));
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return found;
        } catch (SQLException failure) {
            throw PersistenceErrors.translate("Reading the pending reallocations", failure);
        }
    }
}
