package org.allocation.adapters.testing;

import java.net.URI;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/**
 * The Redis server for integration tests: {@code ALLOCATION_TEST_REDIS_URL} (default
 * {@code redis://127.0.0.1:6379}) or, when nothing listens there and Docker is available, a {@code redis:7}
 * container started once per JVM.
 *
 * <p>Redis is shared with whatever else runs against it, so tests tell their messages apart by unique
 * identifiers ({@link #unique(String)}) instead of flushing anything.
 */
public final class TestRedis {

    private static URI uri;

    private TestRedis() {
    }

    /** Where the test Redis server is, as {@code redis://host:port}. */
    public static synchronized URI uri() {
        if (uri == null) {
            uri = locate();
        }
        return uri;
    }

    /** The environment variable that points the processes at the test server. */
    public static Map<String, String> environment() {
        return Map.of("ALLOCATION_REDIS_URL", uri().toString());
    }

    /** A name no other test or test run uses, such as an order id or a SKU. */
    public static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static URI locate() {
        URI configured = URI.create(TestServers.env("ALLOCATION_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
        int port = configured.getPort() == -1 ? 6379 : configured.getPort();
        if (TestServers.reachable(configured.getHost(), port)) {
            return configured;
        }
        if (TestServers.dockerAvailable()) {
            return container();
        }
        throw new IllegalStateException("No Redis for the integration tests: nothing listens at "
                + configured.getHost() + ":" + port + " (set ALLOCATION_TEST_REDIS_URL to point at a server) and "
                + "Docker is not available for Testcontainers");
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
    private static URI container() {
        GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379);
        container.start();
        return URI.create("redis://" + container.getHost() + ":" + container.getMappedPort(6379));
    }
}
