package org.allocation.consumer;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * How the consumer talks to Redis: names (channels, streams, groups, field names) as UTF-8 text, values as the
 * bytes they are. A message is checked as UTF-8 by the JSON reader, which refuses what is not; decoding it on
 * arrival would replace what is not UTF-8 and turn a broken order id into a different, valid one.
 */
final class RedisBytes {

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private RedisBytes() {
    }
}
