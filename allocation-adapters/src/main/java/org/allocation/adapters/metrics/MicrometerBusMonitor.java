package org.allocation.adapters.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.allocation.domain.commands.Command;
import org.allocation.service.messagebus.MessageBusMonitor;

/**
 * The message bus in metrics, per message type ({@code message_type}, such as {@code Allocate} or
 * {@code Allocated}) and kind ({@code command} or {@code event}):
 * <ul>
 *   <li>{@code allocation_bus_messages_seconds} (count, sum, max), with {@code outcome} {@code success},
 *       {@code duplicate} or {@code failure}: handling time, retries included; an event counts once per
 *       handler;</li>
 *   <li>{@code allocation_bus_retries_total}: attempts run again after losing an optimistic-concurrency race.</li>
 * </ul>
 */
public final class MicrometerBusMonitor implements MessageBusMonitor {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Class<?>, Counter> retries = new ConcurrentHashMap<>();

    public MicrometerBusMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handled(Class<?> messageType, Duration took, Outcome outcome) {
        String outcomeName = outcome.name().toLowerCase(Locale.ROOT);
        timers.computeIfAbsent(messageType.getName() + " " + outcomeName, key -> Timer.builder("allocation.bus.messages")
                .description("Messages handled by the bus: handling time, retries included, by type and outcome")
                .tag("message_type", messageType.getSimpleName())
                .tag("kind", kindOf(messageType))
                .tag("outcome", outcomeName)
                .register(registry)).record(took);
    }

    @Override
    public void retried(Class<?> messageType) {
        retries.computeIfAbsent(messageType, type -> Counter.builder("allocation.bus.retries")
                .description("Handlers run again after losing an optimistic-concurrency race")
                .tag("message_type", type.getSimpleName())
                .tag("kind", kindOf(type))
                .register(registry)).increment();
    }

    private static String kindOf(Class<?> messageType) {
        return Command.class.isAssignableFrom(messageType) ? "command" : "event";
    }
}
