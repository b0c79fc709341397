package org.allocation.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.allocation.adapters.logging.Printable;

/**
 * A message we gave up on, kept with everything that was sent, byte for byte, and what was wrong with it, so that
 * a person can understand it and {@link DeadLetterReplay} can send it again exactly.
 *
 * @param source      the channel (or stream) it came from
 * @param payload     the message exactly as received: a pub/sub message, or a stream entry's field {@code data}
 *                    (empty when the entry has none)
 * @param error       what was wrong, for a person to read
 * @param failedAt    when we gave up
 * @param entryId     its id in the source stream, when it came from a stream
 * @param entryFields every field of the stream entry as received, {@code data} included; empty for pub/sub
 */
public record DeadLetter(String source, byte[] payload, String error, Instant failedAt, Optional<String> entryId,
                         Map<String, byte[]> entryFields) {

    /** Each field of the source entry is kept in the dead letter under this prefix: {@code entry.data}. */
    public static final String ENTRY_FIELD_PREFIX = "entry.";

    /** A pub/sub message, which came without an id or fields. */
    public DeadLetter(String source, byte[] payload, String error, Instant failedAt) {
        this(source, payload, error, failedAt, Optional.empty(), Map.of());
    }

    /**
     * The fields of its entry in the {@code dead_letter} stream, {@code failed_at} in ISO-8601, then the source
     * entry's own fields under {@value #ENTRY_FIELD_PREFIX} (the metadata every entry we write carries is added
     * by {@link RedisDeadLetters}).
     */
    public Map<String, byte[]> fields() {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("source", utf8(source));
        fields.put("payload", payload);
        fields.put("error", utf8(error));
        fields.put("failed_at", utf8(failedAt.toString()));
        entryId.ifPresent(id -> fields.put("entry_id", utf8(id)));
        entryFields.forEach((name, value) -> fields.put(ENTRY_FIELD_PREFIX + name, value));
        return fields;
    }

    /** Equal when every field is, bytes by their content: a letter is a value. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DeadLetter letter && source.equals(letter.source)
                && Arrays.equals(payload, letter.payload) && error.equals(letter.error)
                && failedAt.equals(letter.failedAt) && entryId.equals(letter.entryId)
                && entryFields.keySet().equals(letter.entryFields.keySet())
                && entryFields.entrySet().stream().allMatch(field ->
                        Arrays.equals(field.getValue(), letter.entryFields.get(field.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, Arrays.hashCode(payload), error, failedAt, entryId, entryFields.keySet());
    }

    @Override
    public String toString() {
        return "DeadLetter[source=" + source + ", payload=" + Printable.bytes(payload) + ", error=" + error
                + ", failedAt=" + failedAt + ", entryId=" + entryId + ", entryFields=" + entryFields.keySet() + "]";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
