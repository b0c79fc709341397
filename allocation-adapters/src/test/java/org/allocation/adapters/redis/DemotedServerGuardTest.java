package org.allocation.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemotedServerGuardTest {

    @Test
    void closesTheConnectionAfterPassingOnAReadOnlyReply() {
        EmbeddedChannel channel = new EmbeddedChannel(new DemotedServerGuard());

        channel.writeInbound(bytes("-READONLY You can't write against a read only replica.\r\n"));

        assertThat(channel.<ByteBuf>readInbound().toString(StandardCharsets.US_ASCII)).startsWith("-READONLY");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void findsAReadOnlyReplyAfterOtherRepliesOfTheSameRead() {
        assertThat(DemotedServerGuard.startsAReply(bytes("+OK\r\n:1\r\n-READONLY You can't write\r\n"))).isTrue();
    }

    @Test
    void leavesOtherRepliesAndErrorsAlone() {
        EmbeddedChannel channel = new EmbeddedChannel(new DemotedServerGuard());

        channel.writeInbound(bytes("+OK\r\n-ERR no such key\r\n$9\r\nREADONLY!\r\n"));

        assertThat(channel.isOpen()).isTrue();
        assertThat(DemotedServerGuard.startsAReply(bytes("$10\r\nx-READONLY\r\n"))).isFalse();
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
