package org.allocation.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Products with long histories, written straight into the run's database in the schema the processes migrated:
 * 50,000 allocations through the API would take a minute, in SQL they take a fraction of a second. Each batch's
 * prior lines are one unit each, for orders named {@code <batch ref>-<n>}, n from 1 (the oldest) to the count.
 */
final class StockHistory {

    private final TestDatabase database;

    StockHistory(TestDatabase database) {
        this.database = database;
    }

    /** One batch of a product's history: its reference, its ETA (null: in the warehouse), free units, prior lines. */
    record PriorBatch(String reference, String eta, int free, int lines) {
    }

    void give(String sku, PriorBatch... batches) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            run(connection, "INSERT INTO products (sku, version_number) VALUES (?, 1)", sku);
            for (PriorBatch batch : batches) {
                run(connection, "INSERT INTO batches (reference, sku, purchased_quantity, eta, allocated_quantity)"
                        + " VALUES (?, ?, ?, CAST(? AS DATE), ?)", batch.reference(), sku, batch.lines() + batch.free(),
                        batch.eta(), batch.lines());
                run(connection, "INSERT INTO allocations (batch_reference, orderid, sku, qty)"
                        + " SELECT ?, ? || '-' || n, ?, 1 FROM generate_series(1, ?) n",
                        batch.reference(), batch.reference(), sku, batch.lines());
            }
            connection.commit();
            run(connection, "ANALYZE allocations");
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the history of " + sku + ": " + e.getMessage(), e);
        }
    }

    /** The rows of a query on the run's database, each as a list of its column values. */
    List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection connection = database.connect();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void run(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int index = 0; index < parameters.length; index++) {
            statement.setObject(index + 1, parameters[index]);
        }
        return statement;
    }
}
