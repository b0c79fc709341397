package org.allocation.adapters.persistence.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.allocation.adapters.persistence.PersistenceErrors;

/**
 * Keeps the {@code processed_messages} table from growing without bound. An id only matters while its entry
 * can be delivered again, that is while it is pending in its stream (minutes at most); the retention is far
 * longer than that.
 */
public final class ProcessedMessages {

    private static final String PRUNE =
            "DELETE FROM processed_messages WHERE processed_at < now() - make_interval(secs => ?)";

    private final DataSource dataSource;
    private final Duration retention;

    public ProcessedMessages(DataSource dataSource, Duration retention) {
        this.dataSource = dataSource;
        this.retention = retention;
    }

    /** @return how many ids were forgotten */
    public int prune() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(PRUNE)) {
            delete.setDouble(1, retention.toSeconds());
            int pruned = delete.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return pruned;
        } catch (SQLException failure) {
            throw PersistenceErrors.translate("Pruning the processed message ids", failure);
        }
    }
}
