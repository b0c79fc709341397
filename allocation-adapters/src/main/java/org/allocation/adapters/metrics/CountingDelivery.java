package org.allocation.adapters.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.allocation.adapters.delivery.OutboundDelivery;
import org.allocation.adapters.delivery.OutgoingMessage;

/**
 * Counts the outbox rows that Redis took ({@code allocation_outbox_relayed_total}), around the real delivery:
 * a batch counts once Redis confirmed all of it. A batch sent again after a failure counts again, as it was
 * sent again.
 */
public final class CountingDelivery implements OutboundDelivery {

    private final OutboundDelivery delivery;
    private final Counter relayed;

    public CountingDelivery(OutboundDelivery delivery, MeterRegistry registry) {
        this.delivery = delivery;
        this.relayed = Counter.builder("allocation.outbox.relayed")
                .description("Outbox rows delivered to Redis (channel and stream)")
                .register(registry);
    }

    @Override
    public void deliver(List<OutgoingMessage> messages) {
        delivery.deliver(messages);
        relayed.increment(messages.size());
    }
}
