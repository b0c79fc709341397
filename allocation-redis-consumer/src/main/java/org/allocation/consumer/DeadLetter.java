package org.allocation.consumer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A message we gave up on, kept with what is needed to understand it and send it again.
 *
 * @param source   the channel (or stream) it came from
 * @param payload  the message exactly as received
 * @param error    what was wrong, for a person to read
 * @param failedAt when we gave up
 * @param entryId  its id in the source stream, when it came from a stream
 */
public record DeadLetter(String source, String payload, String error, Instant failedAt, Optional<String> entryId) {

    /** A message that came without an id (pub/sub). */
    public DeadLetter(String source, String payload, String error, Instant failedAt) {
        this(source, payload, error, failedAt, Optional.empty());
    }

    /**
     * The fields of its entry in the {@code dead_letter} stream, {@code failed_at} in ISO-8601 (the metadata every
     * entry we write carries is added by {@link RedisDeadLetters}).
     */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", source);
        fields.put("payload", payload);
        fields.put("error", error);
        fields.put("failed_at", failedAt.toString());
        entryId.ifPresent(id -> fields.put("entry_id", id));
        return fields;
    }
}
