package org.allocation.consumer;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes commands from the inbound pub/sub channels, as the book's consumer does: at most once, since a
 * message published while we are not subscribed is gone (the Streams consumer is the durable path).
 *
 * <p><b>Threads.</b> Lettuce calls us on its Netty event loop, which must never wait on a database, so each
 * message is only queued there and handled on a single worker thread. One thread, not one per channel:
 * Redis delivers both channels over one connection in publish order, and that order matters across them
 * (an allocation, then a change to the batch it landed on, must not be reordered). A per-key executor
 * cannot help either, since {@code change_batch_quantity} names a batch, not the SKU that the aggregate is
 * keyed on. The bus's optimistic concurrency keeps us correct beside other processes whatever the order.
 *
 * <p><b>Reconnection.</b> Lettuce reconnects a dropped connection by itself and subscribes it again to the
 * same channels; {@link RedisPubSubListener#subscribed} is logged each time, so the log shows it.
 */
public final class PubSubConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PubSubConsumer.class);
    private static final Duration UNSUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final MessageHandler handler;
    private final SerialWorker worker;
    private final Duration stopGrace;
    private final RedisPubSubListener<String, String> listener = new Listener();

    /**
     * @param connection    a pub/sub connection for this consumer alone; the caller closes it after us
     * @param queueCapacity how many received messages may wait for the worker before more are refused
     * @param stopGrace     how long {@link #close()} lets the messages already received be handled
     */
    public PubSubConsumer(StatefulRedisPubSubConnection<String, String> connection, MessageHandler handler,
                          int queueCapacity, Duration stopGrace) {
        this.connection = connection;
        this.handler = handler;
        this.worker = new SerialWorker("pubsub-consumer", queueCapacity);
        this.stopGrace = stopGrace;
    }

    /** Subscribes to every inbound channel; returns once Redis has confirmed. */
    public void start() {
        connection.addListener(listener);
        connection.sync().subscribe(InboundChannel.channelNames());
    }

    /**
     * Unsubscribes, then lets the messages already received finish for up to twice the stop grace (see
     * {@link SerialWorker#stop}). Those that could not are logged with their payload.
     */
    @Override
    public void close() {
        unsubscribe();
        for (Runnable neverStarted : worker.stop(stopGrace)) {
            Delivery delivery = (Delivery) neverStarted;
            log.error("Stopped before handling a message from {}; payload {}", delivery.channel, delivery.payload);
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

    private final class Listener extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String channel, String payload) {
            if (!worker.offer(new Delivery(channel, payload))) {
                log.error("Too many messages waiting, or stopping: message from {} not handled; payload {}",
                        channel, payload);
            }
        }

        @Override
        public void subscribed(String channel, long count) {
            log.info("Subscribed to {}", channel);
        }
    }

    private final class Delivery implements Runnable {

        private final String channel;
        private final String payload;

        private Delivery(String channel, String payload) {
            this.channel = channel;
            this.payload = payload;
        }

        @Override
        public void run() {
            handler.handle(channel, payload);
        }
    }
}
