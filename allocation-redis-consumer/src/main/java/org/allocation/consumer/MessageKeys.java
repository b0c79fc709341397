package org.allocation.consumer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The two names an inbound message is known by: what it is correlated with, and what it is recorded as once
 * handled.
 */
final class MessageKeys {

    private MessageKeys() {
    }

    /**
     * What every log line and outgoing event the message causes is correlated with: the stream entry
     * ({@code <stream>:<entry id>}, which with its payload's digest is its idempotency key,
     * {@link #processedKey}), or a new id for a pub/sub message.
     */
    static String correlationId(String source, Optional<String> entryId) {
        return entryId.map(id -> source + ":" + id).orElseGet(() -> UUID.randomUUID().toString());
    }

    /**
     * What an entry is recorded as once handled, to recognise it when it is delivered again:
     * {@code <stream>:<entry id>:<digest of its payload>}. The stream, because entry ids are unique within their
     * stream only. The payload's digest, because after a Redis failover an id can come back for another entry: the
     * old primary may have taken (and we handled) entries that never reached the replica, and the promoted replica
     * then gives the next entries ids from its own last one on, the lost entries' ids among them when its clock is
     * behind. Such a new entry has other content, so another key, and is handled; one with the same content asks
     * for exactly what was done already.
     */
    static String processedKey(String stream, String entryId, byte[] payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload);
            return stream + ":" + entryId + ":" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }
}
