package org.allocation.consumer;

import io.lettuce.core.StreamMessage;
import java.util.Comparator;
import java.util.Map;
import org.allocation.adapters.redis.StreamEntryFields;

/**
 * One entry of an inbound stream, with how often it has been delivered to the group.
 *
 * @param fields     as received, byte for byte; null when the entry was deleted (trimmed) while pending
 * @param deliveries how often the group has delivered it, this delivery included
 */
record StreamEntry(String stream, String id, Map<String, byte[]> fields, long deliveries) {

    /** Stream ids compare as their two numbers: milliseconds, then sequence (so in the order they were added). */
    static final Comparator<String> ID_ORDER = Comparator
            .<String>comparingLong(id -> Long.parseLong(id.substring(0, id.indexOf('-'))))
            .thenComparingLong(id -> Long.parseLong(id.substring(id.indexOf('-') + 1)));

    /** An entry as a read delivered it: for the first time, as far as the read says. */
    static StreamEntry of(StreamMessage<String, byte[]> message) {
        return new StreamEntry(message.getStream(), message.getId(), message.getBody(), 1);
    }

    StreamEntry deliveredTimes(long times) {
        return new StreamEntry(stream, id, fields, times);
    }

    /** The entries with this key are handled in id order, one at a time (see {@link OrderingKey}). */
    String orderingKey() {
        byte[] payload = fields == null ? null : fields.get(StreamEntryFields.DATA);
        return payload == null ? OrderingKey.UNREADABLE : OrderingKey.of(stream, payload);
    }
}
