package org.allocation.adapters.redis;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a Redis connection whose server answers {@code -READONLY}: it was the primary and is a replica now (a
 * failover demoted it while we stayed connected). Lettuce then reconnects by itself, and with a Sentinel URL asks
 * the sentinels where the primary is, so the next command goes to the promoted server. Without this the connection
 * would stay on the replica and every write (the relay's {@code XADD}, the consumer's {@code XREADGROUP} and
 * {@code XACK}, a dead letter) would fail for as long as it lives. Sentinel itself disconnects the clients of a
 * server it demotes; this covers the demotions it does not make, and the moments before it does.
 *
 * <p>It sits first in each connection's Netty pipeline and only looks at the bytes: the reply still reaches Lettuce,
 * so the command that met it fails as it would anyway, and the connection closes right after.
 */
final class DemotedServerGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DemotedServerGuard.class);
    private static final byte[] READ_ONLY = "-READONLY ".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        boolean demoted = message instanceof ByteBuf bytes && startsAReply(bytes);
        context.fireChannelRead(message);
        if (demoted) {
            log.warn("Redis at {} answered READONLY: it is a replica now; reconnecting to the primary",
                    context.channel().remoteAddress());
            context.channel().close();
        }
    }

    /** Whether an error reply {@code -READONLY ...} starts the bytes or a line of them. */
    static boolean startsAReply(ByteBuf bytes) {
        int end = bytes.writerIndex() - READ_ONLY.length;
        for (int at = bytes.readerIndex(); at <= end; at++) {
            if ((at == bytes.readerIndex() || bytes.getByte(at - 1) == '\n') && matches(bytes, at)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(ByteBuf bytes, int at) {
        for (int i = 0; i < READ_ONLY.length; i++) {
            if (bytes.getByte(at + i) != READ_ONLY[i]) {
                return false;
            }
        }
        return true;
    }
}
