package org.allocation.adapters.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command connection, opened on first use and shared by every thread (Lettuce connections are
 * thread-safe). Opening it late lets a process start while Redis is still away; once open, Lettuce keeps
 * reconnecting it by itself.
 */
public final class SharedRedisConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedRedisConnection.class);

    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private boolean closed;

    public SharedRedisConnection(RedisClient client) {
        this.client = client;
    }

    /** @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached within the timeout */
    public synchronized StatefulRedisConnection<String, String> get() {
        if (closed) {
            throw new IllegalStateException("The Redis connection is closed");
        }
        if (connection == null) {
            connection = client.connect();
        }
        return connection;
    }

    /**
     * Starts opening the connection on a thread of its own, so that the caller goes on meanwhile; a failure
     * (Redis away) is only logged, and the next {@link #get()} tries again.
     */
    public void openInBackground() {
        Thread opener = new Thread(() -> {
            try {
                get();
            } catch (RuntimeException failure) {
                log.debug("Opening the Redis connection ahead of use failed; it is opened on first use", failure);
            }
        }, "redis-connect");
        opener.setDaemon(true);
        opener.start();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException failure) {
                log.debug("Closing the Redis connection failed", failure);
            }
            connection = null;
        }
    }
}
