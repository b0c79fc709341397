package org.allocation.adapters.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.allocation.adapters.delivery.OutboundDelivery;
import org.allocation.adapters.delivery.OutgoingMessage;

/**
 * Delivers outbox rows to Redis both ways the outside world reads them: {@code PUBLISH} on the channel, for
 * the book's subscribers (the payload alone), and {@code XADD} to the stream of the same name (field
 * {@value #FIELD}, with the metadata of {@link StreamEntryFields}), trimmed to
 * about {@code streamMaxLength} entries. A batch is pipelined: every command is written before the first
 * answer is awaited, and on one connection, so Redis applies them in order.
 */
public final class RedisOutboundDelivery implements OutboundDelivery {

    public static final String FIELD = "data";

    private final SharedRedisConnection redis;
    private final XAddArgs trimming;
    private final Duration timeout;

    public RedisOutboundDelivery(SharedRedisConnection redis, long streamMaxLength) {
        this.redis = redis;
        this.trimming = XAddArgs.Builder.maxlen(streamMaxLength).approximateTrimming();
        // Lettuce fails each command after its own timeout; this only bounds the whole batch as well.
        this.timeout = RedisClients.COMMAND_TIMEOUT.plusSeconds(1);
    }

    /** @throws EventNotPublished when Redis did not confirm every command within the timeout */
    @Override
    public void deliver(List<OutgoingMessage> messages) {
        List<RedisFuture<?>> sent = new ArrayList<>(2 * messages.size());
        try {
            RedisAsyncCommands<String, String> commands = redis.get().async();
            for (OutgoingMessage message : messages) {
                sent.add(commands.publish(message.destination(), message.payload()));
                sent.add(commands.xadd(message.destination(), trimming, StreamEntryFields.of(message)));
            }
            awaitAll(sent);
        } catch (RedisException failure) {
            throw new EventNotPublished("Redis did not take " + messages.size() + " events: " + failure.getMessage(),
                    failure);
        }
    }

    private void awaitAll(List<RedisFuture<?>> sent) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RedisFuture<?> future : sent) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                throw new EventNotPublished("Redis did not answer within " + timeout.toMillis() + " ms", slow);
            } catch (ExecutionException failed) {
                throw new EventNotPublished("Redis refused an event: " + failed.getCause().getMessage(),
                        failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new EventNotPublished("Interrupted while waiting for Redis", interrupted);
            }
        }
    }
}
