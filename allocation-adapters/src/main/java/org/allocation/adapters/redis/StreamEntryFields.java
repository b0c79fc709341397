package org.allocation.adapters.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.allocation.adapters.delivery.OutgoingMessage;

/**
 * The fields of a stream entry the service writes (docs/MESSAGES.md): {@code data}, the payload exactly as the
 * contract spells it, then the metadata that lets a reader deduplicate and evolve with the schema:
 * {@code type}, {@code version}, {@code message_id}, {@code correlation_id}, {@code occurred_at} (ISO-8601).
 */
public final class StreamEntryFields {

    public static final String DATA = "data";

    private StreamEntryFields() {
    }

    public static Map<String, String> of(OutgoingMessage message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(DATA, message.payload());
        message.metadata().ifPresent(metadata -> {
            fields.put("type", metadata.type());
            fields.put("version", Integer.toString(metadata.version()));
            fields.put("message_id", metadata.messageId());
            fields.put("correlation_id", metadata.correlationId());
            fields.put("occurred_at", metadata.occurredAt().toString());
        });
        return fields;
    }
}
