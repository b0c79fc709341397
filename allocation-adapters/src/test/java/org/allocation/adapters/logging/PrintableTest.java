package org.allocation.adapters.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void plainTextIsShownAsItIs() {
        String text = "order-1 \u00e9t\u00e9 \u6ce8\u6587 \uD83D\uDCE6";

        assertThat(Printable.text(text)).isSameAs(text);
    }

    @Test
    void everyCharacterThatCouldBreakALineIsEscaped() {
        assertThat(Printable.text("a\r\nb\tc\u0000d\u001be\u007ff\u0085g\u2028h\u2029"))
                .isEqualTo("a\\r\\nb\\tc\\u0000d\\u001Be\\u007Ff\\u0085g\\u2028h\\u2029");
    }

    @Test
    void unpairedSurrogatesAreEscapedButPairsKept() {
        assertThat(Printable.text("\uD800x\uDC00\uD83D\uDCE6")).isEqualTo("\\uD800x\\uDC00\uD83D\uDCE6");
    }

    @Test
    void bytesThatAreNotUtf8AreShownAsHex() {
        byte[] payload = {'{', (byte) 0xFF, 'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xC0, (byte) 0x80, '\n', '}'};

        assertThat(Printable.bytes(payload)).isEqualTo("{\\xFFa\u00e9\\xC0\\x80\\n}");
    }

    @Test
    void aLongPayloadIsCutWithItsSize() {
        byte[] payload = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);

        assertThat(Printable.bytes(payload)).isEqualTo("x".repeat(Printable.LONGEST_PAYLOAD) + "... (5000 bytes)");
    }
}
