package org.allocation.adapters.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.net.URI;
import java.time.Duration;
import org.allocation.adapters.config.InvalidSetting;

/**
 * Makes the one Lettuce client a process shares, from {@code redis://[:password@]host:port[/db]},
 * {@code rediss://} (TLS) or {@code redis-sentinel://host:port[,host:port...][/db]#<master name>}: with Sentinel,
 * every connection (and every reconnection) asks the sentinels where the primary is now, so that after a failover
 * the processes follow the promoted replica by themselves.
 *
 * <p>No call through it can hang: connecting and every command are bounded, and while the connection is down
 * commands fail at once instead of queueing until Redis returns (Lettuce reconnects in the background, and
 * re-subscribes pub/sub connections).
 */
public final class RedisClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private RedisClients() {
    }

    /** @throws InvalidSetting naming {@code ALLOCATION_REDIS_URL} when Lettuce cannot use the URL */
    public static RedisClient create(URI uri) {
        RedisURI redisUri;
        try {
            redisUri = RedisURI.create(uri);
        } catch (RuntimeException malformed) {
            throw new InvalidSetting("ALLOCATION_REDIS_URL is not a usable Redis URL: " + malformed.getMessage()
                    .replaceAll("//[^/@]*@", "//***@"));
        }
        redisUri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    /**
     * The same Redis, or the same Sentinel-watched primary, for a connection named {@code clientName} in
     * {@code CLIENT LIST}. Named in the URI rather than with {@code CLIENT SETNAME}: only the URI's name is set again
     * when Lettuce reconnects (to the new primary, after a failover).
     */
    public static RedisURI named(RedisURI redis, String clientName) {
        if (redis.getSentinels().isEmpty()) {
            return RedisURI.builder(redis).withClientName(clientName).build();
        }
        // Lettuce's copying builder leaves the sentinels out.
        RedisURI.Builder copy = RedisURI.builder()
                .withSentinelMasterId(redis.getSentinelMasterId())
                .withDatabase(redis.getDatabase())
                .withAuthentication(redis)
                .withSsl(redis)
                .withTimeout(redis.getTimeout())
                .withClientName(clientName);
        redis.getSentinels().forEach(copy::withSentinel);
        return copy.build();
    }
}
