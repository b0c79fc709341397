package org.allocation.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the system's processes, started from its executable jar exactly as an operator would start it: its own
 * JVM, configured only through environment variables, its output going to a log file that outlives it.
 */
final class ServiceProcess {

    /** The options file the processes are shipped with, as run.sh and the Dockerfiles give it to java. */
    static final String JVM_OPTIONS = "@" + System.getProperty("allocation.e2e.jvm-options", "../jvm.options");
    private static final long GRACEFUL_STOP_SECONDS = 10;
    private static final long FORCED_STOP_SECONDS = 5;

    private final String name;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(String name, Path jar, Map<String, String> environment, Path logDirectory) {
        Path log = logDirectory.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, JVM_OPTIONS, "-Xmx256m", "-jar",
                jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The processes see only the configuration given here, never a stray ALLOCATION_* of the shell.
        builder.environment().keySet().removeIf(key -> key.startsWith("ALLOCATION_"));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logDirectory);
            return new ServiceProcess(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + " from " + jar, e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Fails when the process has exited: passed to a wait's {@code failFast}, it ends the wait at once. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with code " + process.exitValue());
        }
    }

    List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail(int lines) {
        try {
            List<String> all = logLines();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills the process at once (SIGKILL), as a crash or the OOM killer would, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(FORCED_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the process to stop (SIGTERM); does not wait. */
    void requestStop() {
        process.destroy();
    }

    /** Waits a bounded time for the process to stop, then kills it. */
    void awaitStop() {
        try {
            if (!process.waitFor(GRACEFUL_STOP_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("[e2e] " + name + " did not stop within " + GRACEFUL_STOP_SECONDS
                        + " s of SIGTERM; killing it");
                process.destroyForcibly().waitFor(FORCED_STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
