package org.allocation.consumer;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocation.adapters.logging.Printable;
import org.allocation.adapters.redis.StreamEntryFields;

/**
 * Sends dead letters back where they came from once their cause is fixed (a batch created, a sender's bug
 * fixed): each letter of the given source, oldest first, is added to the stream of that name and only then
 * deleted from the dead letters ({@code XDEL}). What is added is exactly what was sent, byte for byte: every
 * field of the entry the letter came from ({@link DeadLetter#ENTRY_FIELD_PREFIX}), or, for a letter of a pub/sub
 * message (or one written before letters kept their entry's fields), its payload as the field {@code data}. A crash in between
 * leaves the letter in place, so it is never lost; at worst it is replayed twice, as two entries with two ids,
 * each handled once (the inbound idempotency key is the entry id), which the domain absorbs: allocating a
 * line already allocated changes nothing, and a batch quantity is absolute.
 *
 * <p>A letter from a pub/sub channel goes to the stream of the same name: the stream is the durable path (a
 * channel would lose it if no consumer listened at that moment, and a publish cannot confirm its handling),
 * and the consumer reads the same command from both.
 */
public final class DeadLetterReplay {

    /**
     * @param source the channel or stream whose letters are replayed
     * @param limit  at most this many letters
     * @param dryRun only list what would be replayed
     */
    public record Request(String source, int limit, boolean dryRun) {
    }

    private static final int PAGE = 100;
    private static final byte[] QUESTION_MARK = {'?'};

    private final RedisCommands<String, byte[]> redis;
    private final String deadLetterStream;
    private final PrintStream out;

    /** @param out where each letter replayed (or that would be) is listed, one line each */
    public DeadLetterReplay(RedisCommands<String, byte[]> redis, String deadLetterStream, PrintStream out) {
        this.redis = redis;
        this.deadLetterStream = deadLetterStream;
        this.out = out;
    }

    /** @return how many letters were replayed, or would be on a dry run */
    public int run(Request request) {
        int replayed = 0;
        String from = "-";
        while (replayed < request.limit()) {
            List<StreamMessage<String, byte[]>> page =
                    redis.xrange(deadLetterStream, Range.create(from, "+"), Limit.create(0, PAGE));
            for (StreamMessage<String, byte[]> letter : page) {
                if (replayed < request.limit() && replay(letter, request)) {
                    replayed++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            from = nextId(page.get(page.size() - 1).getId());
        }
        out.printf("%s %d dead letters from %s%n", request.dryRun() ? "Would replay" : "Replayed", replayed,
                request.source());
        return replayed;
    }

    private boolean replay(StreamMessage<String, byte[]> letter, DeadLetterReplay.Request request) {
        Map<String, byte[]> fields = letter.getBody();
        if (fields == null || !request.source().equals(text(fields.get("source")))) {
            return false;
        }
        Map<String, byte[]> entry = sent(fields);
        if (entry.isEmpty()) {
            out.printf("skipped %s: it has no payload%n", letter.getId());
            return false;
        }
        if (request.dryRun()) {
            out.printf("would replay %s to stream %s (failed: %s): %s%n", letter.getId(), request.source(),
                    Printable.text(text(fields.getOrDefault("error", QUESTION_MARK))),
                    Printable.bytes(entry.getOrDefault(StreamEntryFields.DATA, new byte[0])));
            return true;
        }
        String entryId = redis.xadd(request.source(), entry);
        // Only once the stream has it: a crash before this line replays the letter again next time.
        redis.xdel(deadLetterStream, letter.getId());
        out.printf("replayed %s to stream %s as %s%n", letter.getId(), request.source(), entryId);
        return true;
    }

    /** The fields of the entry the letter keeps, in their order, or its payload as {@code data}. */
    static Map<String, byte[]> sent(Map<String, byte[]> letter) {
        Map<String, byte[]> entry = new LinkedHashMap<>();
        letter.forEach((name, value) -> {
            if (name.startsWith(DeadLetter.ENTRY_FIELD_PREFIX)) {
                entry.put(name.substring(DeadLetter.ENTRY_FIELD_PREFIX.length()), value);
            }
        });
        if (entry.isEmpty() && letter.containsKey("payload")) {
            entry.put(StreamEntryFields.DATA, letter.get("payload"));
        }
        return entry;
    }

    private static String text(byte[] value) {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    /** The smallest stream id after {@code id}: the same millisecond, the next sequence number. */
    static String nextId(String id) {
        int dash = id.indexOf('-');
        return id.substring(0, dash) + "-" + (Long.parseLong(id.substring(dash + 1)) + 1);
    }
}
