package org.allocation.adapters.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes to text for {@link JsonObject}, refusing what is not UTF-8 instead of replacing it, and saying which field
 * holds the broken bytes: the sender hears which of their values to fix.
 */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    /**
     * The document as text.
     *
     * @throws InvalidJson when a byte is not UTF-8, naming the field whose value holds it when it is in one
     */
    static String decode(byte[] document) {
        // A decoder of our own reports malformed input instead of replacing it: a replaced byte would turn an order
        // id that is not text into a different, valid one.
        ByteBuffer in = ByteBuffer.wrap(document);
        CharBuffer out = CharBuffer.allocate(document.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        if (decoder.decode(in, out, true).isError()) {
            String where = String.format("byte 0x%02X at offset %d", document[in.position()] & 0xFF, in.position());
            throw new InvalidJson(fieldHoldingInvalidBytes(document)
                    .map(field -> field + " is not valid UTF-8: " + where)
                    .orElse("Malformed JSON: not valid UTF-8: " + where));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * The field whose value holds the bytes that are not UTF-8, so that the sender hears which of their values is
     * broken, when they are inside a string. Found by reading the document again with each such byte as an unpaired
     * surrogate (U+DC80 to U+DCFF, as Python's "surrogateescape"), which no valid text holds.
     */
    private static Optional<String> fieldHoldingInvalidBytes(byte[] document) {
        JsonNode tree;
        try {
            tree = JsonObject.MAPPER.readTree(withInvalidBytesEscaped(document));
        } catch (JsonProcessingException structureBroken) {
            return Optional.empty();
        }
        if (tree == null || !tree.isObject()) {
            return Optional.empty();
        }
        for (var fields = tree.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (!isText(field.getKey())) {
                return Optional.empty();
            }
            if (!holdsOnlyText(field.getValue())) {
                return Optional.of(JsonObject.shortened(field.getKey()));
            }
        }
        return Optional.empty();
    }

    private static String withInvalidBytesEscaped(byte[] document) {
        ByteBuffer in = ByteBuffer.wrap(document);
        CharBuffer out = CharBuffer.allocate(document.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        for (CoderResult result = decoder.decode(in, out, true); result.isError();
             result = decoder.decode(in, out, true)) {
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (0xDC00 | (in.get() & 0xFF)));
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static boolean holdsOnlyText(JsonNode value) {
        if (value.isTextual()) {
            return isText(value.textValue());
        }
        for (var names = value.fieldNames(); names.hasNext(); ) {
            if (!isText(names.next())) {
                return false;
            }
        }
        for (JsonNode child : value) {
            if (!holdsOnlyText(child)) {
                return false;
            }
        }
        return true;
    }

    /** No unpaired surrogate: text that UTF-8 can encode. */
    private static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
