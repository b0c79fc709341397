package org.allocation.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis as production runs it with Sentinel, made by the test from the machine's {@code redis-server}: a primary,
 * a replica of it, and one sentinel (quorum 1) watching them, each a process of its own on a free port of
 * 127.0.0.1, with nothing saved to disk. The sentinel is this test's, so it is quick: it calls the primary down
 * after {@value #DOWN_AFTER_MS} ms without an answer. Closing kills all three and removes their directory; a
 * shutdown hook does the same when the JVM ends first.
 */
final class SentinelRedis implements AutoCloseable {

    static final String MASTER_NAME = "mymaster";
    static final int DOWN_AFTER_MS = 1_000;
    /**
     * A failover that finds no replica to promote is tried again after twice this (Sentinel's rule): short, so that
     * a slow machine costs seconds, not the 20 s it once did.
     */
    private static final int FAILOVER_TIMEOUT_MS = 3_000;
    /**
     * The held-back replica wakes this long (seconds) after the primary is killed: after, so that it cannot fetch
     * what it missed, and well before Sentinel calls the primary down ({@value #DOWN_AFTER_MS} ms), so that it
     * answers when Sentinel looks for a replica to promote.
     */
    private static final double REPLICA_WAKES_AFTER_KILL = 0.3;

    private final Path directory;
    private final List<Integer> ports = LocalServers.freePorts(3);
    private final int primaryPort = ports.get(0);
    private final int replicaPort = ports.get(1);
    private final int sentinelPort = ports.get(2);
    private final List<Process> processes = new ArrayList<>();
    private final Teardown teardown = Teardown.atExit("e2e-stop-redis", this::destroy);
    private Process primary;

    private SentinelRedis(Path directory) {
        this.directory = directory;
    }

    /** Starts the three; returns once the sentinel knows the primary and its replica, and the replica is in sync. */
    static SentinelRedis start() {
        SentinelRedis redis;
        try {
            redis = new SentinelRedis(Files.createTempDirectory("allocation-redis-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            redis.primary = redis.server("primary", redis.primaryPort);
            // DEBUG SLEEP (refused by default) lets a test hold the replica back: see killPrimaryWhileReplicaLags.
            redis.server("replica", redis.replicaPort, "--replicaof", "127.0.0.1", Integer.toString(redis.primaryPort),
                    "--enable-debug-command", "yes");
            redis.awaitAnswer(redis.primaryPort);
            await("the replica is in sync with the primary").until(
                    () -> redis.cli(redis.replicaPort, "INFO", "replication"),
                    info -> info.contains("master_link_status:up"));
            redis.startSentinel();
            await("the sentinel knows the primary's replica").until(
                    () -> redis.cli(redis.sentinelPort, "SENTINEL", "REPLICAS", MASTER_NAME),
                    replicas -> replicas.contains(Integer.toString(redis.replicaPort)));
            return redis;
        } catch (RuntimeException | AssertionError e) {
            redis.close();
            throw e;
        }
    }

    /** Lettuce's Sentinel URL, as {@code ALLOCATION_REDIS_URL} takes it, with the database. */
    String sentinelUrl(int database) {
        return "redis-sentinel://127.0.0.1:" + sentinelPort + "/" + database + "#" + MASTER_NAME;
    }

    String primaryAddress() {
        return "127.0.0.1:" + primaryPort;
    }

    String replicaAddress() {
        return "127.0.0.1:" + replicaPort;
    }

    /** Kills the primary with SIGKILL: whatever it had not sent to the replica is gone. */
    void killPrimary() {
        primary.destroyForcibly();
        try {
            primary.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills the primary while the replica is {@code lag} behind it: the replica sleeps ({@code DEBUG SLEEP}) and the
     * primary drops its link to it ({@code CLIENT KILL TYPE replica}), so that nothing more reaches the replica; the
     * writes go on for {@code lag}, and then the primary dies (SIGKILL). What it acknowledged meanwhile never reaches
     * the replica that Sentinel promotes: asynchronous replication's loss, made certain instead of left to chance.
     */
    void killPrimaryWhileReplicaLags(Duration lag, Runnable atKill) {
        Process sleeper;
        try {
            String seconds = String.format(java.util.Locale.ROOT, "%.1f",
                    lag.toMillis() / 1000.0 + REPLICA_WAKES_AFTER_KILL);
            sleeper = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(replicaPort), "DEBUG",
                    "SLEEP", seconds)
                    .redirectErrorStream(true).redirectOutput(directory.resolve("replica-held.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("the primary has lost its replica")
                .until(() -> cli(primaryPort, "CLIENT", "KILL", "TYPE", "replica"), killed -> !"0".equals(killed));
        pause(lag);
        atKill.run();
        killPrimary();
        try {
            sleeper.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the killed primary again, empty, on its port, and waits until Sentinel has made it a replica of the
     * promoted one and it is in sync: the deployment has a replica again.
     */
    void restartKilledPrimaryAsReplica() {
        primary = server("old-primary", primaryPort);
        awaitAnswer(primaryPort);
        await("Sentinel makes the old primary a replica in sync").atMost(Duration.ofSeconds(60))
                .until(() -> cli(primaryPort, "INFO", "replication"),
                        info -> info.contains("role:slave") && info.contains("master_link_status:up"));
    }

    /** Waits until the sentinel names the replica as the primary, and it answers as one. */
    void awaitReplicaPromoted(Duration timeout) {
        await("the sentinel promotes the replica").atMost(timeout)
                .until(() -> cli(sentinelPort, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME)
                        .contains(Integer.toString(replicaPort)) && cli(replicaPort, "ROLE").startsWith("master"));
    }

    @Override
    public void close() {
        teardown.close();
    }

    /** Run once, by {@link #teardown}. */
    private void destroy() {
        processes.forEach(process -> LocalServers.killTree(process.toHandle()));
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LocalServers.delete(directory);
    }

    private Process server(String name, int port, String... more) {
        // The first sync at once, not after Redis's default 5 s wait for more replicas.
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString(),
                "--repl-diskless-sync-delay", "0"));
        command.addAll(List.of(more));
        return launch(name, command);
    }

    private void startSentinel() {
        Path configuration = directory.resolve("sentinel.conf");
        try {
            // The sentinel rewrites this file as it learns; it must be its own and writable.
            Files.writeString(configuration, String.join("\n",
                    "port " + sentinelPort,
                    "bind 127.0.0.1",
                    "dir " + directory,
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + primaryPort + " 1",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MS,
                    "sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT_MS,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launch("sentinel", List.of("redis-server", configuration.toString(), "--sentinel"));
        awaitAnswer(sentinelPort);
    }

    private Process launch(String name, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve(name + ".log").toFile()).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    private void awaitAnswer(int port) {
        await("redis on port " + port + " answers").until(() -> cli(port, "PING"), "PONG"::equals);
    }

    private String cli(int port, String... arguments) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(arguments));
        return LocalServers.run(command).trim();
    }
}
