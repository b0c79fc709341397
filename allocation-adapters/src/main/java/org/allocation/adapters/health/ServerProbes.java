package org.allocation.adapters.health;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.allocation.service.ports.StorageUnavailable;

/**
 * Asks each server which one it is and whether it is the primary, for {@code /health}: after a failover the
 * answer names the promoted server, and a process left on a server that no longer takes writes is DOWN.
 */
final class ServerProbes {

    private static final String POSTGRES_QUERY =
            "SELECT host(inet_server_addr()), inet_server_port(), pg_is_in_recovery()";

    private ServerProbes() {
    }

    /** Through the pool: the server its connections go to now. */
    static ServerInfo postgres(DataSource pool) {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            try (ResultSet row = statement.executeQuery(POSTGRES_QUERY)) {
                row.next();
                String host = row.getString(1);
                // A Unix-domain socket has no address or port.
                String address = host == null ? "local socket" : host + ":" + row.getInt(2);
                boolean standby = row.getBoolean(3);
                connection.rollback();
                return new ServerInfo(address, standby ? "standby" : "primary", !standby);
            }
        } catch (SQLException down) {
            throw new StorageUnavailable("PostgreSQL did not answer the health probe: " + down.getMessage(), down);
        }
    }

    /**
     * On the shared connection: the server it is connected to now. An ACL user that may not ask ({@code NOPERM})
     * gets a server whose address or role is {@code unknown}, taken for a primary once it answers {@code PING}:
     * health must not fail for want of an admin command.
     */
    static ServerInfo redis(RedisCommands<String, String> redis) {
        String address = permitted(() -> localAddress(redis.clientInfo()));
        String role = permitted(() -> String.valueOf(redis.role().get(0)));
        boolean primary = "unknown".equals(role) ? "PONG".equals(redis.ping()) : "master".equals(role);
        return new ServerInfo(address, role, primary);
    }

    private static String permitted(Supplier<String> question) {
        try {
            return question.get();
        } catch (RedisCommandExecutionException refused) {
            if (String.valueOf(refused.getMessage()).startsWith("NOPERM")) {
                return "unknown";
            }
            throw refused;
        }
    }

    /** {@code laddr=host:port} of {@code CLIENT INFO}: the server's end of this connection. */
    private static String localAddress(String clientInfo) {
        for (String field : List.of(clientInfo.trim().split(" "))) {
            if (field.startsWith("laddr=")) {
                return field.substring("laddr=".length());
            }
        }
        return "unknown";
    }
}
