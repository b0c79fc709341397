package org.allocation.consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocation.adapters.config.InvalidSetting;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.logging.Printable;
import org.allocation.adapters.redis.RedisClients;

/**
 * {@code java -jar allocation-redis-consumer.jar replay-dead-letters --source allocate --limit 100 [--dry-run]}:
 * {@link DeadLetterReplay} from the command line, on the Redis of {@code ALLOCATION_REDIS_URL}. Exit status 0
 * when done, 2 with the usage on stderr for bad arguments (or a bad setting), 1 when Redis failed; {@code --help}
 * (or {@code -h}) prints the usage on stdout and exits 0, as command-line tools do.
 */
final class ReplayDeadLettersCommand {

    static final String NAME = "replay-dead-letters";
    static final String USAGE = "usage: java -jar allocation-redis-consumer.jar " + NAME
            + " --source <" + String.join("|", InboundChannel.channelNames()) + "> [--limit <1-100000>, default 100]"
            + " [--dry-run]";

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 100_000;

    private ReplayDeadLettersCommand() {
    }

    /** @param args the arguments after the command's name */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Optional<DeadLetterReplay.Request> request = parse(Arrays.asList(args), err);
        if (request.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Settings settings;
        try {
            settings = Settings.from(environment);
        } catch (InvalidSetting invalid) {
            err.println("Invalid setting: " + invalid.getMessage());
            return 2;
        }
        RedisClient client = RedisClients.create(settings.redisUri());
        try (StatefulRedisConnection<String, byte[]> connection = client.connect(RedisBytes.CODEC)) {
            new DeadLetterReplay(connection.sync(), RedisDeadLetters.STREAM, out).run(request.get());
            return 0;
        } catch (RedisException failure) {
            err.println("Redis failed: " + failure.getMessage() + "; the letters not reported replayed are still in "
                    + RedisDeadLetters.STREAM);
            return 1;
        } finally {
            client.shutdown();
        }
    }

    static Optional<DeadLetterReplay.Request> parse(List<String> args, PrintStream err) {
        String source = null;
        int limit = DEFAULT_LIMIT;
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--source", "--limit" -> {
                    if (i + 1 >= args.size()) {
                        err.println(arg + " needs a value");
                        return Optional.empty();
                    }
                    String value = args.get(++i);
                    if (arg.equals("--source")) {
                        source = value;
                    } else {
                        try {
                            limit = Integer.parseInt(value);
                        } catch (NumberFormatException notANumber) {
                            limit = -1;
                        }
                        if (limit < 1 || limit > MAX_LIMIT) {
                            err.println("--limit must be a whole number from 1 to " + MAX_LIMIT + ", was "
                                    + Printable.text(value));
                            return Optional.empty();
                        }
                    }
                }
                default -> {
                    err.println("unknown argument " + Printable.text(arg));
                    return Optional.empty();
                }
            }
        }
        if (source == null || InboundChannel.named(source).isEmpty()) {
            err.println(source == null ? "--source is required"
                    : "--source must be an inbound stream, was " + Printable.text(source));
            return Optional.empty();
        }
        return Optional.of(new DeadLetterReplay.Request(source, limit, dryRun));
    }
}
