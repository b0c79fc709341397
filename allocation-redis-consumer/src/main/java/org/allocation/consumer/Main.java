package org.allocation.consumer;

import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import org.allocation.adapters.AllocationSystem;
import org.allocation.adapters.config.InvalidSetting;
import org.allocation.adapters.config.LogFormat;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.logging.Printable;
import org.allocation.adapters.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer process: {@code java -jar allocation-redis-consumer.jar}, configured by the environment
 * (see the README). A wrong setting exits with status 2 and a line naming it; SIGTERM stops it cleanly.
 * With arguments it runs a command instead: {@code replay-dead-letters} ({@link ReplayDeadLettersCommand}).
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final int INVALID_SETTING = 2;
    private static final int CANNOT_START = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            // A command instead of the consumer; the process does nothing else.
            if (!args[0].equals(ReplayDeadLettersCommand.NAME)) {
                System.err.println("unknown command " + Printable.text(args[0]));
                System.err.println(ReplayDeadLettersCommand.USAGE);
                System.exit(INVALID_SETTING);
            }
            System.exit(ReplayDeadLettersCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err));
        }
        LogFormat.problem(System.getenv()).ifPresent(problem -> {
            System.err.println("Invalid setting: " + problem);
            System.exit(INVALID_SETTING);
        });
        PrometheusMeterRegistry metrics = Metrics.prometheus();
        AllocationSystem system;
        RedisURI redisUri;
        Settings settings;
        OptionalInt httpPort;
        try {
            settings = Settings.fromEnvironment();
            httpPort = ConsumerObservability.port(System.getenv());
            system = AllocationSystem.start(settings.withoutPublishWait(), metrics);
            // Only now: starting the system has checked that Lettuce can use the URL.
            redisUri = RedisURI.create(settings.redisUri());
        } catch (InvalidSetting invalid) {
            System.err.println(invalid.getMessage());
            System.exit(INVALID_SETTING);
            return;
        } catch (RuntimeException failed) {
            log.error("Cannot start: {}", failed.getMessage(), failed);
            System.exit(CANNOT_START);
            return;
        }
        Optional<ConsumerObservability> observability;
        try {
            observability = httpPort.isPresent()
                    ? Optional.of(ConsumerObservability.start(httpPort.getAsInt(), system.redisClient(),
                            system::health, system::servers, metrics))
                    : Optional.empty();
        } catch (RuntimeException failed) {
            log.error("Cannot serve metrics and health on port {}: {}", httpPort.getAsInt(), failed.getMessage());
            system.close();
            System.exit(CANNOT_START);
            return;
        }

        Settings.Delivery delivery = settings.delivery();
        RedisConsumer.Options options = RedisConsumer.Options.withStreams(StreamConsumer.Options.standard(
                delivery.consumerName(), delivery.claimIdle(), delivery.maxDeliveries(), delivery.consumerWorkers()),
                delivery.deadLetterMaxLength());
        InboundMetrics inbound = new InboundMetrics(metrics);
        SingleActiveConsumer consumer = new SingleActiveConsumer(
                new PostgresLease(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), delivery.leaseTimeout(),
                        PostgresLease.KEY),
                active -> {
                    // What a consumer that died while it was active left unfinished is redone at once, too.
                    system.recoverEveryPendingReallocation();
                    return RedisConsumer.start(system.bus(), system.redisClient(), redisUri, options, inbound, active);
                },
                delivery.leaseCheck(), delivery.leaseTimeout());
        Gauge.builder("allocation.consumer.active", consumer, leased -> leased.active() ? 1 : 0)
                .description("1 while this process is the deployment's active consumer, 0 while it stands by")
                .register(metrics);
        consumer.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping");
            try {
                observability.ifPresent(ConsumerObservability::close);
                consumer.close();
            } finally {
                system.close();
                stopped.countDown();
                log.info("Stopped");
            }
        }, "shutdown"));
        log.info("Started for {}; health {}; metrics and health {}", String.join(", ", InboundChannel.channelNames()),
                system.health(), observability.map(served -> "on port " + served.port())
                        .orElse("not served (" + ConsumerObservability.PORT_VARIABLE + " is not set)"));
        // Lettuce's threads are daemons: without this the JVM would exit as soon as main returns.
        stopped.await();
    }
}
