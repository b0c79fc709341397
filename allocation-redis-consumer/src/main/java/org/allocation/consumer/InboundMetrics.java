package org.allocation.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbound messages in metrics, per stream ({@code stream} tag) and per pub/sub channel ({@code channel}):
 * <ul>
 *   <li>{@code allocation_stream_entries_handled_total}: handled and committed, or recognised as handled before;</li>
 *   <li>{@code allocation_stream_entries_failed_total}: attempts that failed while storage (or Redis, for the
 *       dead letter) was down; the entry stays pending and is tried again;</li>
 *   <li>{@code allocation_stream_entries_dead_lettered_total}: put in {@code dead_letter};</li>
 *   <li>the same three as {@code allocation_pubsub_messages_*_total}, where a failure is a message lost.</li>
 * </ul>
 * Every counter of the inbound names exists from the start, at 0.
 */
final class InboundMetrics implements InboundMonitor {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    InboundMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String name : InboundChannel.channelNames()) {
            for (MessageHandler.Outcome outcome : MessageHandler.Outcome.values()) {
                counter(name, true, outcome);
                counter(name, false, outcome);
            }
        }
    }

    @Override
    public void handled(String source, boolean fromStream, MessageHandler.Outcome outcome) {
        counter(source, fromStream, outcome).increment();
    }

    private Counter counter(String source, boolean fromStream, MessageHandler.Outcome outcome) {
        String what = switch (outcome) {
            case HANDLED, ALREADY_HANDLED -> "handled";
            case RETRY_LATER, LOST -> "failed";
            case DEAD_LETTERED -> "dead_lettered";
        };
        String name = (fromStream ? "allocation.stream.entries." : "allocation.pubsub.messages.") + what;
        return counters.computeIfAbsent(name + " " + source, key -> Counter.builder(name)
                .description(fromStream ? "Inbound stream entries, by what became of them"
                        : "Inbound pub/sub messages, by what became of them")
                .tag(fromStream ? "stream" : "channel", source)
                .register(registry));
    }
}
