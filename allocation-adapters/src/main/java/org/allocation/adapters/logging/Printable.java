package org.allocation.adapters.logging;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * What a person may be shown of text or bytes that came from outside: every character that could break a line
 * or a terminal escaped, so that one log event stays one line and an identifier holding a CR/LF cannot forge a
 * line that looks like ours. Escaped are the control characters (U+0000 to U+001F, U+007F to U+009F), the Unicode
 * line and paragraph separators, and unpaired surrogates; {@code \n}, {@code \r} and {@code \t} as such, the
 * others as {@code \}{@code uXXXX}. Bytes that are not UTF-8 are shown as {@code \xNN}.
 */
public final class Printable {

    /** The most of a payload one log line shows: enough to recognise it, not a flood. */
    static final int LONGEST_PAYLOAD = 1000;

    private Printable() {
    }

    /** The text itself when nothing needs escaping, which is nearly always. */
    public static String text(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (needsEscape(text, i)) {
                return escaped(text, i);
            }
        }
        return text;
    }

    /** A payload as received: UTF-8 where it is, escaped as {@link #text}, at most {@value #LONGEST_PAYLOAD} chars. */
    public static String bytes(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        StringBuilder shown = new StringBuilder();
        while (in.hasRemaining() && shown.length() < LONGEST_PAYLOAD) {
            CoderResult result = decoder.decode(in, out, true);
            shown.append(text(out.flip().toString()));
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    shown.append(String.format("\\x%02X", in.get() & 0xFF));
                }
            }
        }
        if (shown.length() > LONGEST_PAYLOAD || in.hasRemaining()) {
            shown.setLength(Math.min(shown.length(), LONGEST_PAYLOAD));
            shown.append("... (").append(bytes.length).append(" bytes)");
        }
        return shown.toString();
    }

    private static boolean needsEscape(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }

    private static String escaped(String text, int from) {
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, from);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(text, i)) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else {
                escaped.append(String.format("\\u%04X", (int) c));
            }
        }
        return escaped.toString();
    }
}
