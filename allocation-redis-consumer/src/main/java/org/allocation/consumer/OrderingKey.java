package org.allocation.consumer;

import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.Command;
import org.allocation.domain.commands.CreateBatch;

/**
 * Which inbound messages the consumer handles in the order they came, one after the other: those with the
 * same key. An allocation is keyed by its SKU, so two allocations of one product never overtake each other; a
 * change of a batch's quantity by the batch, so a batch's changes apply in order and the last one sent is the
 * one that stays. An allocation and a change of a batch of the same SKU have different keys and may be
 * handled in either order when they arrive together (the message names a batch, not its SKU); the product's
 * version check keeps either order correct.
 */
final class OrderingKey {

    /** The key of what cannot be read: any worker will do, since it only goes to the dead letters. */
    static final String UNREADABLE = "";

    private OrderingKey() {
    }

    static String of(String source, byte[] payload) {
        Command<?> command;
        try {
            command = InboundChannel.named(source).orElseThrow().parse(payload);
        } catch (RuntimeException unreadable) {
            return UNREADABLE;
        }
        if (command instanceof Allocate allocate) {
            return "sku " + allocate.sku();
        }
        if (command instanceof ChangeBatchQuantity change) {
            return "batch " + change.ref();
        }
        // No channel carries one today; a batch's creation goes with its changes.
        return "batch " + ((CreateBatch) command).ref();
    }
}
