package org.allocation.http;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Undertow server around a handler, that stops gracefully: new requests are refused (503) while those
 * in flight finish, for at most the grace period given.
 */
public final class HttpServer {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;

    private HttpServer(Undertow undertow, GracefulShutdownHandler graceful) {
        this.undertow = undertow;
        this.graceful = graceful;
    }

    /**
     * Starts listening at once.
     *
     * @param port          0 for any free port; {@link #port()} tells which
     * @param workerThreads the threads that run requests; each mostly waits on the database, so about twice
     *                      the connection pool keeps the pool busy without queueing many threads behind it
     */
    public static HttpServer start(HttpHandler handler, String host, int port, int workerThreads) {
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(handler);
        Undertow undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setWorkerThreads(workerThreads)
                // A client that never finishes its request must not hold a connection forever.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setHandler(graceful)
                .build();
        undertow.start();
        HttpServer server = new HttpServer(undertow, graceful);
        log.info("Listening on {}:{} with {} worker threads", host, server.port(), workerThreads);
        return server;
    }

    /** The port actually bound, also when 0 was asked for. */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Refuses new requests, waits for those in flight at most {@code grace}, then closes the listener.
     *
     * @return whether every request in flight finished in time
     */
    public boolean stop(Duration grace) {
        graceful.shutdown();
        boolean finished = false;
        try {
            finished = graceful.awaitShutdown(grace.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!finished) {
            log.warn("Requests still in flight after {}; stopping anyway", grace);
        }
        undertow.stop();
        log.info("HTTP server stopped");
        return finished;
    }
}
