package org.allocation.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL primary and its streaming replica, as production runs them, made by the test from the machine's
 * binaries: {@code initdb} in a scratch directory, {@code pg_basebackup -R} for the replica, each on a free port of
 * 127.0.0.1 (never the machine's own server). Replication is asynchronous, PostgreSQL's default. Closing stops both
 * and removes their directory; a shutdown hook does the same when the JVM ends first, and kills by pid what does
 * not stop.
 */
final class ReplicatedPostgres implements AutoCloseable {

    private final Path directory;
    private final Server primary;
    private final Server replica;
    private final Teardown teardown = Teardown.atExit("e2e-stop-postgres", this::destroy);

    private ReplicatedPostgres(Path directory) {
        this.directory = directory;
        List<Integer> ports = LocalServers.freePorts(2);
        this.primary = new Server("primary", directory.resolve("primary"), ports.get(0), directory);
        this.replica = new Server("replica", directory.resolve("replica"), ports.get(1), directory);
    }

    /** Starts the primary, clones it into a replica and starts that; returns once the replica streams. */
    static ReplicatedPostgres start() {
        ReplicatedPostgres cluster = new ReplicatedPostgres(LocalServers.scratchDirectory("allocation-pg-"));
        try {
            cluster.primary.initialise();
            cluster.primary.start();
            LocalServers.runPostgresTool("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(
                    cluster.primary.port()), "-U", "postgres", "-D", cluster.replica.dataDirectory().toString(),
                    "-R", "-X", "stream");
            cluster.replica.configurePort();
            cluster.replica.start();
            await("the replica streams from the primary").until(() ->
                    cluster.primary.query("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"),
                    "1"::equals);
            return cluster;
        } catch (RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    Server primary() {
        return primary;
    }

    Server replica() {
        return replica;
    }

    /**
     * The URL an administrator connects through, with both servers and {@code targetServerType=primary}: the
     * suite creates its database through it, and the processes get the same hosts with that database.
     */
    String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + replica.port()
                + "/postgres?targetServerType=primary";
    }

    /** Crashes the primary: {@code pg_ctl stop -m immediate}, no checkpoint, every connection cut at once. */
    void crashPrimary() {
        primary.stopImmediately();
    }

    /**
     * Crashes the primary while the replica is {@code lag} behind it: the replica stops streaming (its
     * {@code primary_conninfo} emptied and reloaded), the commits of that time go on, and then the primary crashes.
     * What it committed meanwhile never reaches the replica that is promoted: asynchronous replication's loss, made
     * certain instead of left to chance.
     */
    void crashPrimaryWhileReplicaLags(Duration lag, Runnable atCrash) {
        replica.query("ALTER SYSTEM SET primary_conninfo = ''");
        replica.query("SELECT pg_reload_conf()");
        await("the replica stops streaming")
                .until(() -> primary.query("SELECT count(*) FROM pg_stat_replication"), "0"::equals);
        try {
            Thread.sleep(lag.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        atCrash.run();
        crashPrimary();
    }

    /** Makes the replica the primary ({@code pg_ctl promote}); returns once it accepts writes. */
    void promoteReplica() {
        LocalServers.runPostgresTool("pg_ctl", "-D", replica.dataDirectory().toString(), "-w", "-t", "30",
                "promote");
    }

    @Override
    public void close() {
        teardown.close();
    }

    /** Run once, by {@link #teardown}. */
    private void destroy() {
        replica.stopImmediately();
        primary.stopImmediately();
        LocalServers.delete(directory);
    }

    /** One server of the pair: its data directory and port. */
    static final class Server {

        private final String name;
        private final Path dataDirectory;
        private final int port;
        private final Path socketDirectory;

        Server(String name, Path dataDirectory, int port, Path socketDirectory) {
            this.name = name;
            this.dataDirectory = dataDirectory;
            this.port = port;
            this.socketDirectory = socketDirectory;
        }

        int port() {
            return port;
        }

        /** {@code host:port}, as the processes' {@code /health} names the server they talk to. */
        String address() {
            return "127.0.0.1:" + port;
        }

        Path dataDirectory() {
            return dataDirectory;
        }

        void initialise() {
            LocalServers.runPostgresTool("initdb", "-D", dataDirectory.toString(), "-U", "postgres",
                    "--auth=trust", "--no-sync", "-E", "UTF8");
            // Replication stays asynchronous (PostgreSQL's default): what a crash can lose is what the test reports.
            appendConfiguration("listen_addresses = '127.0.0.1'", "shared_buffers = 32MB", "max_connections = 100",
                    "fsync = off", "full_page_writes = off", "wal_keep_size = 256MB");
            configurePort();
        }

        /** The port and socket directory of this server, after what initdb or pg_basebackup wrote. */
        private void configurePort() {
            appendConfiguration("port = " + port, "unix_socket_directories = '" + socketDirectory + "'");
        }

        private void appendConfiguration(String... lines) {
            try {
                Files.writeString(dataDirectory.resolve("postgresql.conf"), "\n" + String.join("\n", lines) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void start() {
            LocalServers.runPostgresTool("pg_ctl", "-D", dataDirectory.toString(), "-l",
                    socketDirectory.resolve(name + ".log").toString(), "-w", "-t", "30", "start");
        }

        /** {@code pg_ctl stop -m immediate}; when that fails, SIGKILL to the postmaster and its children. */
        void stopImmediately() {
            if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                return;
            }
            try {
                LocalServers.runPostgresTool("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w",
                        "-t", "10", "stop");
            } catch (RuntimeException stopFailed) {
                postmasterPid().flatMap(ProcessHandle::of).ifPresent(LocalServers::killTree);
            }
        }

        private Optional<Long> postmasterPid() {
            try {
                List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
                return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** One value, by {@code psql}; the tests' own checks go through JDBC. */
        String query(String sql) {
            return LocalServers.runPostgresTool("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
                    "postgres", "-d", "postgres", "-Atc", sql).trim();
        }
    }
}
