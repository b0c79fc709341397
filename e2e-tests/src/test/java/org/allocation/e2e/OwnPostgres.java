package org.allocation.e2e;

import java.nio.file.Path;

/**
 * One PostgreSQL server of the test's own, which it may stop and start as it likes: made like
 * {@link ReplicatedPostgres}' primary ({@code initdb} in a scratch directory, run as the {@code postgres} OS user,
 * on a free port of 127.0.0.1), never the machine's server, which other builds use meanwhile. Closing stops it and
 * removes its directory; a shutdown hook does the same when the JVM ends first.
 */
final class OwnPostgres implements AutoCloseable {

    private final Path directory;
    private final ReplicatedPostgres.Server server;
    private final Teardown teardown = Teardown.atExit("e2e-stop-own-postgres", this::destroy);

    private OwnPostgres(Path directory) {
        this.directory = directory;
        this.server = new ReplicatedPostgres.Server("postgres", directory.resolve("data"),
                LocalServers.freePorts(1).get(0), directory);
    }

    /** Makes the cluster and starts it; returns once it accepts connections. */
    static OwnPostgres start() {
        OwnPostgres postgres = new OwnPostgres(LocalServers.scratchDirectory("allocation-pg-"));
        try {
            postgres.server.initialise();
            postgres.server.start();
            return postgres;
        } catch (RuntimeException | AssertionError e) {
            postgres.close();
            throw e;
        }
    }

    /** The administrative URL the suite creates its database through; the processes get the same server. */
    String adminUrl() {
        return "jdbc:postgresql://" + server.address() + "/postgres";
    }

    /**
     * Stops the server as an administrator's restart does ({@code pg_ctl stop -m fast}: open transactions rolled
     * back, every connection closed, a checkpoint); returns once it is down.
     */
    void stop() {
        LocalServers.runPostgresTool("pg_ctl", "-D", server.dataDirectory().toString(), "-m", "fast", "-w", "-t",
                "30", "stop");
    }

    /** Starts the stopped server again on the same port; returns once it accepts connections. */
    void startAgain() {
        server.start();
    }

    @Override
    public void close() {
        teardown.close();
    }

    /** Run once, by {@link #teardown}. */
    private void destroy() {
        server.stopImmediately();
        LocalServers.delete(directory);
    }
}
