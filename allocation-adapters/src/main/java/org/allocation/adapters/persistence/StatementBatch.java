package org.allocation.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several SQL statements, each with its parameters, sent to PostgreSQL in one round trip: the driver sends
 * every statement of a multi-statement text before it waits for any answer. A commit that writes a product,
 * its batches, its allocations and its outbox rows costs one network exchange instead of one per row; on
 * two shared cores the exchanges, not the statements, are what cost.
 *
 * <p>The statements run in order, in the caller's transaction; the first that fails fails the whole batch
 * (and the caller rolls back).
 */
final class StatementBatch {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private int statements;

    /**
     * Adds a statement with positional parameters ({@code ?}); a null parameter is sent untyped, and
     * PostgreSQL takes its type from where it is used.
     *
     * @return the statement's position, to find its update count in {@link #execute}'s answer
     */
    int add(String statement, Object... values) {
        if (statements > 0) {
            sql.append(";\n");
        }
        sql.append(statement);
        parameters.addAll(Arrays.asList(values));
        return statements++;
    }

    boolean isEmpty() {
        return statements == 0;
    }

    /** Runs every statement in one round trip; returns the number of rows each one changed. */
    int[] execute(Connection connection) throws SQLException {
        int[] updateCounts = new int[statements];
        if (statements == 0) {
            return updateCounts;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int index = 0; index < parameters.size(); index++) {
                Object value = parameters.get(index);
                if (value == null) {
                    statement.setNull(index + 1, Types.NULL);
                } else {
                    statement.setObject(index + 1, value);
                }
            }
            statement.execute();
            for (int position = 0; position < statements; position++) {
                if (position > 0) {
                    statement.getMoreResults();
                }
                updateCounts[position] = statement.getUpdateCount();
            }
        }
        return updateCounts;
    }

    @Override
    public String toString() {
        return "StatementBatch[" + statements + " statements]";
    }
}
