package org.allocation.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Messages as Redis hands them to the consumer: bytes, and a stream entry's fields. */
final class Payloads {

    private Payloads() {
    }

    static byte[] utf8(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream entry as a producer of commands writes it: the payload in the field {@code data}. */
    static Map<String, byte[]> entry(String payload) {
        return Map.of("data", utf8(payload));
    }
}
