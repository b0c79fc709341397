package org.allocation.adapters.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import net.logstash.logback.decorate.JsonFactoryDecorator;

/**
 * The JSON log format's escapes (logging/json.xml): JSON already escapes U+0000 to U+001F, so each event is one
 * line; this also escapes the characters JSON lets through raw but {@link Printable} would not (U+007F to U+009F,
 * U+2028, U+2029), so that neither format carries a raw control character from input.
 */
public final class PrintableJsonEscapes implements JsonFactoryDecorator {

    @Override
    public JsonFactory decorate(JsonFactory factory) {
        return factory.setCharacterEscapes(new Escapes());
    }

    private static final class Escapes extends CharacterEscapes {

        private final int[] ascii;

        Escapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            boolean escaped = (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029;
            return escaped ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
