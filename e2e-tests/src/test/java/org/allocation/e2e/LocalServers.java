package org.allocation.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the failover tests need to run servers of their own from the machine's binaries: free ports on 127.0.0.1,
 * a scratch directory, commands run to completion (PostgreSQL's as the {@code postgres} OS user when the suite
 * runs as root, since PostgreSQL refuses to run as root), and the removal of it all afterwards.
 */
final class LocalServers {

    /** The PostgreSQL tools; the {@code postgresql-15} package's, or whatever {@code pg_ctl} the PATH has. */
    static final Path POSTGRES_BIN = Stream.of("/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin")
            .map(Path::of).filter(dir -> Files.isExecutable(dir.resolve("pg_basebackup"))).findFirst()
            .orElse(Path.of("/usr/lib/postgresql/15/bin"));
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final long COMMAND_SECONDS = 60;

    private LocalServers() {
    }

    static boolean postgresToolsPresent() {
        return Files.isExecutable(POSTGRES_BIN.resolve("pg_basebackup"))
                && Files.isExecutable(POSTGRES_BIN.resolve("initdb"));
    }

    static boolean redisServerPresent() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "redis-server")));
    }

    /**
     * {@code count} free ports of 127.0.0.1, all different: each is held until all are found, since the system can
     * hand out a port it just freed again.
     */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // it was only holding the port
                }
            }
        }
    }

    /** A new scratch directory, which the {@code postgres} user may write into when we are root. */
    static Path scratchDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            if (ROOT) {
                run(List.of("chown", "postgres", directory.toString()));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a PostgreSQL tool to completion, as {@code postgres} when we are root; fails with its output. */
    static String runPostgresTool(String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(POSTGRES_BIN.resolve(tool).toString());
        command.addAll(Arrays.asList(arguments));
        return run(command);
    }

    /** Runs a command to completion (at most a minute) and returns its output; fails with it on a non-zero exit. */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile()).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + COMMAND_SECONDS + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command, e);
        }
    }

    /** Removes a directory and everything in it; what cannot be removed is reported, not thrown. */
    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[e2e] could not remove " + directory + ": " + e.getMessage());
        }
    }

    /** Kills a process and everything it started, at once (SIGKILL). */
    static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
