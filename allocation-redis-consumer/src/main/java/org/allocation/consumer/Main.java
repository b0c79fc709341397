package org.allocation.consumer;

import io.lettuce.core.RedisURI;
import java.util.concurrent.CountDownLatch;
import org.allocation.adapters.AllocationSystem;
import org.allocation.adapters.config.InvalidSetting;
import org.allocation.adapters.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer process: {@code java -jar allocation-redis-consumer.jar}, configured by the environment
 * (see the README). A wrong setting exits with status 2 and a line naming it; SIGTERM stops it cleanly.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final int INVALID_SETTING = 2;
    private static final int CANNOT_START = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        AllocationSystem system;
        RedisURI redisUri;
        RedisConsumer consumer;
        Settings settings;
        try {
            settings = Settings.fromEnvironment();
            system = AllocationSystem.start(settings);
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
        try {
            Settings.Delivery delivery = settings.delivery();
            consumer = RedisConsumer.start(system.bus(), system.redisClient(), redisUri,
                    RedisConsumer.Options.withStreams(StreamConsumer.Options.standard(delivery.consumerName(),
                            delivery.claimIdle(), delivery.maxDeliveries(), delivery.consumerWorkers()),
                            delivery.deadLetterMaxLength()));
        } catch (RuntimeException failed) {
            log.error("Cannot subscribe: {}", failed.getMessage(), failed);
            system.close();
            System.exit(CANNOT_START);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping");
            try {
                consumer.close();
            } finally {
                system.close();
                stopped.countDown();
                log.info("Stopped");
            }
        }, "shutdown"));
        log.info("Consuming {}; health {}", String.join(", ", InboundChannel.channelNames()), system.health());
        // Lettuce's threads are daemons: without this the JVM would exit as soon as main returns.
        stopped.await();
    }
}
