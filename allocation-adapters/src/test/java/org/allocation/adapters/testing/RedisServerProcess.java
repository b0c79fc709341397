package org.allocation.adapters.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A redis-server of a test's own, on a free port, configured as the test needs (a password, TLS), without
 * persistence; {@link #close()} stops it. The shared test server is never reconfigured: other tests and other
 * engineers use it.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private RedisServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether a redis-server binary is on the PATH; tests that need one are skipped without it. */
    public static boolean available() {
        return onPath("redis-server");
    }

    static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(directory -> new File(directory, binary).canExecute());
    }

    /** A plain server with {@code requirepass}. */
    public static RedisServerProcess withPassword(String password) {
        int port = freePort();
        return start(port, List.of("--port", Integer.toString(port), "--requirepass", password));
    }

    /** A server that speaks only TLS, with the given certificate, and {@code requirepass}. */
    public static RedisServerProcess withTls(SelfSignedCertificate certificate, String password) {
        int port = freePort();
        return start(port, List.of("--port", "0", "--tls-port", Integer.toString(port),
                "--tls-cert-file", certificate.certificate().toString(),
                "--tls-key-file", certificate.key().toString(),
                "--tls-ca-cert-file", certificate.certificate().toString(),
                "--tls-auth-clients", "no",
                "--requirepass", password));
    }

    public int port() {
        return port;
    }

    private static RedisServerProcess start(int port, List<String> options) {
        List<String> command = new ArrayList<>(List.of("redis-server"));
        command.addAll(options);
        command.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RedisServerProcess server = new RedisServerProcess(process, port);
            server.awaitListening();
            return server;
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not start redis-server", failed);
        }
    }

    private void awaitListening() {
        try {
            await("redis-server listening on " + port).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50)).failFast(this::assertAlive)
                    .until(() -> TestServers.reachable("127.0.0.1", port));
        } catch (ConditionTimeoutException notListening) {
            close();
            throw notListening;
        }
    }

    private void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server exited with " + process.exitValue());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** A key and a self-signed certificate for 127.0.0.1 and localhost, made by openssl in a directory. */
    public record SelfSignedCertificate(Path key, Path certificate) {

        public static boolean canBeMade() {
            return onPath("openssl");
        }

        public static SelfSignedCertificate in(Path directory) {
            Path key = directory.resolve("redis.key");
            Path certificate = directory.resolve("redis.crt");
            try {
                Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", key.toString(), "-out", certificate.toString(), "-days", "1",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                    throw new IllegalStateException("openssl could not make a certificate");
                }
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            return new SelfSignedCertificate(key, certificate);
        }
    }
}
