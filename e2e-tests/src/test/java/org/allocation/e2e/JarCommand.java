package org.allocation.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A jar run as a command to its end (not a service): its exit status and what it printed. */
record JarCommand(int status, String out, String err) {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    static JarCommand run(Path jar, Map<String, String> environment, Path logDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), ServiceProcess.JVM_OPTIONS, "-Xmx128m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(logDirectory, "command-", ".out");
            Path err = Files.createTempFile(logDirectory, "command-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + DEADLINE);
            }
            return new JarCommand(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
