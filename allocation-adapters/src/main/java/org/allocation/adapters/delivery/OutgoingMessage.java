package org.allocation.adapters.delivery;

/**
 * One outbox row on its way to Redis.
 *
 * @param id          the row's id: the relay sends rows in id order, which is commit order per product
 * @param destination the pub/sub channel and the stream it goes to
 * @param payload     the event's JSON, exactly as subscribers read it
 */
public record OutgoingMessage(long id, String destination, String payload) {
}
