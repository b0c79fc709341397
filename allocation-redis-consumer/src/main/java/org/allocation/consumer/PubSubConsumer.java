package org.allocation.consumer;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.allocation.adapters.logging.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes commands from the inbound pub/sub channels, as the book's consumer does: at most once, since a
 * message published while we are not subscribed is gone (the Streams consumer is the durable path).
 *
 * <p><b>Threads.</b> Lettuce calls us on its Netty event loop, which must never wait on a database, so each
 * message is only queued there, on one of the {@link KeyedWorkers} chosen by its {@link OrderingKey}: the
 * messages of one key (a SKU's allocations, a batch's changes) are handled in publish order, one at a time,
 * and the others side by side, as many at once as there are workers. The bus's optimistic concurrency keeps
 * us correct beside other workers and other processes whatever the order.
 *
 * <p><b>Reconnection.</b> Lettuce reconnects a dropped connection by itself and subscribes it again to the
 * same channels; {@link RedisPubSubListener#subscribed} is logged each time, so the log shows it.
 */
public final class PubSubConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PubSubConsumer.class);
    private static final Duration UNSUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final StatefulRedisPubSubConnection<String, byte[]> connection;
    private final MessageHandler handler;
    private final KeyedWorkers workers;
    private final Duration stopGrace;
    private final RedisPubSubListener<String, byte[]> listener = new Listener();
    private final BooleanSupplier active;

    /**
     * @param connection    a pub/sub connection for this consumer alone; the caller closes it after us
     * @param workers       how many messages may be handled at once (each takes a database connection)
     * @param queueCapacity how many received messages may wait for each worker before more are refused
     * @param stopGrace     how long {@link #close()} lets the messages already received be handled
     */
    public PubSubConsumer(StatefulRedisPubSubConnection<String, byte[]> connection, MessageHandler handler,
                          int workers, int queueCapacity, Duration stopGrace) {
        this(connection, handler, workers, queueCapacity, stopGrace, () -> true);
    }

    /**
     * As above, for one of several consumer processes: a message received while {@code active} says no (this
     * process lost the lease and is stopping) is left to the active consumer, which is subscribed as well.
     */
    PubSubConsumer(StatefulRedisPubSubConnection<String, byte[]> connection, MessageHandler handler,
                   int workers, int queueCapacity, Duration stopGrace, BooleanSupplier active) {
        this.active = active;
        this.connection = connection;
        this.handler = handler;
        this.workers = new KeyedWorkers("pubsub-consumer", workers, queueCapacity);
        this.stopGrace = stopGrace;
    }

    /** Subscribes to every inbound channel; returns once Redis has confirmed. */
    public void start() {
        connection.addListener(listener);
        connection.sync().subscribe(InboundChannel.channelNames());
    }

    /**
     * Unsubscribes, then lets the messages already received finish for up to twice the stop grace (see
     * {@link KeyedWorkers#stop}). Those that could not are logged with their payload.
     */
    @Override
    public void close() {
        unsubscribe();
        for (Runnable neverStarted : workers.stop(stopGrace)) {
            Delivery delivery = (Delivery) neverStarted;
            log.error("Stopped before handling a message from {}; payload {}", delivery.channel,
                    Printable.bytes(delivery.payload));
        }
        connection.removeListener(listener);
    }

    private void unsubscribe() {
        // Bounded: when Redis is away Lettuce would hold the command until its own, much longer, timeout.
        try {
            connection.async().unsubscribe(InboundChannel.channelNames())
                    .get(UNSUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException redisAway) {
            log.warn("Could not unsubscribe ({}); closing the connection will", redisAway.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener extends RedisPubSubAdapter<String, byte[]> {

        @Override
        public void message(String channel, byte[] payload) {
            if (!active.getAsBoolean()) {
                log.warn("Not the active consumer any more: message from {} left to the active one", channel);
                return;
            }
            if (!workers.offer(OrderingKey.of(channel, payload), new Delivery(channel, payload))) {
                log.error("Too many messages waiting, or stopping: message from {} not handled; payload {}",
                        channel, Printable.bytes(payload));
            }
        }

        @Override
        public void subscribed(String channel, long count) {
            log.info("Subscribed to {}", channel);
        }
    }

    private final class Delivery implements Runnable {

        private final String channel;
        private final byte[] payload;

        private Delivery(String channel, byte[] payload) {
            this.channel = channel;
            this.payload = payload;
        }

        @Override
        public void run() {
            handler.handle(channel, payload);
        }
    }
}
