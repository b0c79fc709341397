package org.allocation.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.allocation.adapters.AllocationSystem;
import org.allocation.adapters.config.InvalidSetting;
import org.allocation.adapters.config.LogFormat;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.metrics.Metrics;
import org.allocation.service.ports.StorageUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP process: {@code java -jar allocation-http.jar}, configured by the environment (see the README).
 * The only class of this module that knows the real adapters; everything else takes its ports as given.
 *
 * <p>Exit status 2 for a wrong setting (the message names it), 1 when the system cannot start. SIGTERM lets
 * the requests in flight finish, then closes the system (its connection pool and Redis client).
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** How long requests in flight may take to finish after SIGTERM; below Docker's default 10 s kill. */
    private static final Duration GRACE = Duration.ofSeconds(8);

    private Main() {
    }

    public static void main(String[] args) {
        LogFormat.problem(System.getenv()).ifPresent(problem -> {
            System.err.println("Invalid setting: " + problem);
            System.exit(2);
        });
        PrometheusMeterRegistry metrics = Metrics.prometheus();
        Settings settings;
        AllocationSystem system;
        try {
            settings = Settings.fromEnvironment();
            system = AllocationSystem.start(settings, metrics);
        } catch (InvalidSetting invalid) {
            System.err.println("Invalid setting: " + invalid.getMessage());
            System.exit(2);
            return;
        } catch (StorageUnavailable down) {
            // An operator's problem, not a bug: the reason is enough, a stack trace would bury it.
            log.error("Could not start: {} ({})", down.getMessage(), rootCause(down).getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException failure) {
            log.error("Could not start the allocation system", failure);
            System.exit(1);
            return;
        }

        HttpServer server;
        try {
            HttpApi api = new HttpApi(system.bus(), system.views(), healthOf(system), settings.apiToken(), metrics);
            server = HttpServer.start(api.handler(), "0.0.0.0", settings.httpPort(), 2 * settings.dbPoolSize());
        } catch (RuntimeException failure) {
            log.error("Could not start the HTTP server on port {}", settings.httpPort(), failure);
            system.close();
            System.exit(1);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing the requests in flight");
            server.stop(GRACE);
            system.close();
        }, "allocation-http-shutdown"));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The system's health, with the servers its last check reached. */
    private static HealthProbe healthOf(AllocationSystem system) {
        return HealthProbe.of(system::health, () -> {
            Map<String, ReachedServer> servers = new TreeMap<>();
            system.servers().forEach((name, server) -> servers.put(name,
                    new ReachedServer(server.address(), server.role(), server.primary())));
            return servers;
        });
    }
}
