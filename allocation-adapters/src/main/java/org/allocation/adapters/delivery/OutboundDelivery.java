package org.allocation.adapters.delivery;

import java.util.List;

/** Where outbox rows go: the message broker. */
@FunctionalInterface
public interface OutboundDelivery {

    /**
     * Sends the messages in the order given, and returns only once the broker has every one of them.
     *
     * @throws RuntimeException when it cannot say that the broker has them all; they are then sent again
     */
    void deliver(List<OutgoingMessage> messages);
}
