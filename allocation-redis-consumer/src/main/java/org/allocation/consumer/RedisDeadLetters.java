package org.allocation.consumer;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dead letters as entries of the Redis stream {@value #STREAM}, one field per {@link DeadLetter#fields()}, written
 * as bytes: the payload and the source entry's fields are kept exactly as they came, UTF-8 or not.
 *
 * <p>While Redis is away Lettuce holds commands until it reconnects; we wait for that at most
 * {@code timeout}, so one outage cannot stall the consumer for longer. The stream is trimmed to about
 * {@code maxLength} entries (by default {@value #MAX_LENGTH}) so that a flood of bad messages cannot fill
 * Redis's memory.
 */
public final class RedisDeadLetters implements DeadLetters {

    public static final String STREAM = "dead_letter";
    static final long MAX_LENGTH = 100_000;
    static final String TYPE = "DeadLetter";
    static final int VERSION = 1;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final Duration timeout;
    private final long maxLength;

    public RedisDeadLetters(StatefulRedisConnection<String, byte[]> connection, Duration timeout) {
        this(connection, timeout, MAX_LENGTH);
    }

    /** @param maxLength about how many letters the stream keeps: the oldest go first */
    public RedisDeadLetters(StatefulRedisConnection<String, byte[]> connection, Duration timeout, long maxLength) {
        this.connection = connection;
        this.timeout = timeout;
        this.maxLength = maxLength;
    }

    /**
     * The letter's fields, then the metadata of every stream entry the service writes (docs/MESSAGES.md): its
     * correlation id is the failed message's.
     */
    static Map<String, byte[]> withMetadata(DeadLetter letter, String correlationId) {
        Map<String, byte[]> fields = new LinkedHashMap<>(letter.fields());
        String messageId = UUID.randomUUID().toString();
        fields.put("type", DeadLetter.utf8(TYPE));
        fields.put("version", DeadLetter.utf8(Integer.toString(VERSION)));
        fields.put("message_id", DeadLetter.utf8(messageId));
        fields.put("correlation_id", DeadLetter.utf8(correlationId));
        fields.put("occurred_at", DeadLetter.utf8(letter.failedAt().toString()));
        return fields;
    }

    @Override
    public void record(DeadLetter letter, String correlationId) {
        RedisFuture<String> added = connection.async()
                .xadd(STREAM, XAddArgs.Builder.maxlen(maxLength).approximateTrimming(), withMetadata(letter, correlationId));
        try {
            added.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            // Cancelled so that a late reconnect does not add the letter after we reported it lost.
            added.cancel(true);
            throw new DeadLetterNotRecorded("Redis did not answer within " + timeout.toMillis() + " ms", slow);
        } catch (ExecutionException failed) {
            throw new DeadLetterNotRecorded("Redis refused the dead letter: " + failed.getCause().getMessage(),
                    failed.getCause());
        } catch (InterruptedException interrupted) {
            added.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeadLetterNotRecorded("Interrupted while writing the dead letter", interrupted);
        }
    }
}
