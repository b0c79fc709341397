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
 * <p>The statements run in order, in the caller's transaction; the first that fails stops the rest (the
 * server skips them) and fails the batch, and the caller rolls back.
 */
public final class StatementBatch {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private int statements;

    /**
     * Adds a statement with positional parameters ({@code ?}); a null parameter is sent untyped, and
     * PostgreSQL takes its type from where it is used.
     */
    public void add(String statement, Object... values) {
        if (statements > 0) {
            sql.append(";\n");
        }
        sql.append(statement);
        parameters.addAll(Arrays.asList(values));
        statements++;
    }

    public boolean isEmpty() {
        return statements == 0;
    }

    /** Runs every statement in one round trip; throws the first failure, after which nothing else ran. */
    public void execute(Connection connection) throws SQLException {
        if (statements == 0) {
            return;
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
        }
    }

    @Override
    public String toString() {
        return "StatementBatch[" + statements + " statements]";
    }
}
