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

    /** How long a batch waits for the replicas to confirm it, when it waits for them. */
    static final Duration REPLICA_WAIT = Duration.ofSeconds(1);

    private final SharedRedisConnection redis;
    private final XAddArgs trimming;
    private final int replicasToWaitFor;
    private final Duration timeout;

    public RedisOutboundDelivery(SharedRedisConnection redis, long streamMaxLength) {
        this(redis, streamMaxLength, 0);
    }

    /**
     * @param replicasToWaitFor how many replicas must have a batch ({@code WAIT}) before it counts as delivered; 0
     *                          for Redis's own acknowledgement. A primary that dies takes what its replicas had
     *                          not received with it; waiting keeps such events in the outbox, to be sent again
     *                          to the promoted replica, at the price of relaying nothing while fewer replicas
     *                          answer.
     */
    public RedisOutboundDelivery(SharedRedisConnection redis, long streamMaxLength, int replicasToWaitFor) {
        this.redis = redis;
        this.trimming = XAddArgs.Builder.maxlen(streamMaxLength).approximateTrimming();
        this.replicasToWaitFor = replicasToWaitFor;
        // Lettuce fails each command after its own timeout; this only bounds the whole batch as well.
        this.timeout = RedisClients.COMMAND_TIMEOUT.plus(REPLICA_WAIT).plusSeconds(1);
    }

    /** @throws EventNotPublished when Redis did not confirm every command within the timeout */
    @Override
    public void deliver(List<OutgoingMessage> messages) {
        List<RedisFuture<?>> sent = new ArrayList<>(2 * messages.size());
        try {
            RedisAsyncCommands<String, String> commands = redis.get().async();
            if (replicasToWaitFor > 0) {
                requireReplicas(commands);
            }
            for (OutgoingMessage message : messages) {
                sent.add(commands.publish(message.destination(), message.payload()));
                sent.add(commands.xadd(message.destination(), trimming, StreamEntryFields.of(message)));
            }
            RedisFuture<Long> replicated = replicasToWaitFor == 0 ? null
                    : commands.waitForReplication(replicasToWaitFor, REPLICA_WAIT.toMillis());
            if (replicated != null) {
                sent.add(replicated);
            }
            awaitAll(sent);
            long confirmed = replicated == null ? 0 : replicated.toCompletableFuture().join();
            if (replicated != null && confirmed < replicasToWaitFor) {
                throw new EventNotPublished(messages.size() + " events reached " + confirmed + " of the "
                        + replicasToWaitFor + " Redis replicas waited for within " + REPLICA_WAIT.toMillis()
                        + " ms; they stay in the outbox", null);
            }
        } catch (RedisException failure) {
            throw new EventNotPublished("Redis did not take " + messages.size() + " events: " + failure.getMessage(),
                    failure);
        }
    }

    /**
     * Sends nothing while fewer replicas are connected than are waited for (after a failover, until one is back):
     * each pass would otherwise add its batch to the stream again, only to find it unconfirmed.
     */
    private void requireReplicas(RedisAsyncCommands<String, String> commands) {
        RedisFuture<List<Object>> role = commands.role();
        awaitAll(List.of(role));
        List<Object> answer = role.toCompletableFuture().join();
        int connected = answer.size() > 2 && answer.get(2) instanceof List<?> replicas ? replicas.size() : 0;
        if (connected < replicasToWaitFor) {
            throw new EventNotPublished(connected + " Redis replicas connected, " + replicasToWaitFor
                    + " waited for: the events stay in the outbox", null);
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
