package org.allocation.adapters.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.allocation.adapters.config.InvalidSetting;

/**
 * Makes the one Lettuce client a process shares, from {@code redis://[:password@]host:port[/db]},
 * {@code rediss://} (TLS) or {@code redis-sentinel://host:port[,host:port...][/db]#<master name>}: with Sentinel,
 * every connection (and every reconnection) asks the sentinels where the primary is now, so that after a failover
 * the processes follow the promoted replica by themselves.
 *
 * <p>No call through it can hang: connecting and every command are bounded, and while the connection is down
 * commands fail at once instead of queueing until Redis returns (Lettuce reconnects in the background, at most a
 * second apart, and re-subscribes pub/sub connections). A connection whose server became a replica is closed and
 * reconnected ({@link DemotedServerGuard}).
 */
public final class RedisClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Between attempts to reconnect a dropped connection: from 10 ms, doubling, at most a second. Lettuce's own
     * default goes up to 30 s, which after a failover would keep the processes away from the promoted primary for
     * that long; an attempt is one question to the sentinels and one connection, cheap even every second.
     */
    static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
            TimeUnit.MILLISECONDS);

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
        RedisClient client = new OwnResourcesClient(DefaultClientResources.builder()
                .reconnectDelay(RECONNECT_DELAY)
                .nettyCustomizer(new NettyCustomizer() {
                    @Override
                    public void afterChannelInitialized(Channel channel) {
                        channel.pipeline().addFirst(new DemotedServerGuard());
                    }
                })
                .build(), redisUri);
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

    /** A client that shuts its own resources (threads, the reconnect timer) down with itself. */
    private static final class OwnResourcesClient extends RedisClient {

        OwnResourcesClient(ClientResources resources, RedisURI uri) {
            super(resources, uri);
        }

        @Override
        public CompletableFuture<Void> shutdownAsync(long quietPeriod, long timeout, TimeUnit timeUnit) {
            return super.shutdownAsync(quietPeriod, timeout, timeUnit).whenComplete((done, failed) ->
                    getResources().shutdown(quietPeriod, timeout, timeUnit));
        }
    }
}
