package org.allocation.adapters.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** What the test helpers share: reading the environment, probing a server, asking for Docker. */
final class TestServers {

    private TestServers() {
    }

    static String env(String name, String defaultValue) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank()).orElse(defaultValue);
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException unreachable) {
            return false;
        }
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }
}
