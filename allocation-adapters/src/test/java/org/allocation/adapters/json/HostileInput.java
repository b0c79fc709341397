package org.allocation.adapters.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * Input a careless or hostile sender might send, generated from a fixed seed so that a failure is repeatable:
 * random bytes, random JSON, and valid messages mutated (a byte flipped or cut, a value replaced, a NUL, a CR/LF,
 * bytes that are not UTF-8, escapes of unpaired surrogates, huge numbers, deep nesting). Each fuzz test runs
 * {@link #cases()} of them: a few thousand by default, a few seconds; {@code -Dallocation.fuzz.cases=1000000}
 * runs longer.
 */
public final class HostileInput {

    public static final String CASES_PROPERTY = "allocation.fuzz.cases";
    public static final long SEED = 14;

    private static final String[] SNIPPETS = {
        "\\u0000", "\\r\\n", "\\n2026-01-01 INFO forged", "\\ud800", "\\udc00x", "\\u007f", "\\u2028", " ", "",
        "99999999999999999999", "-1", "0", "1e3", "3.0", "null", "true", "[]", "{}", "\"", "\\", ",", ":",
        "{\"a\":" .repeat(40), "[".repeat(2000), "x".repeat(300), "\\uD83D\\uDCE6", "é", "注文",
    };
    private static final byte[][] RAW = {
        {0}, {'\r', '\n'}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        {0x7F}, {(byte) 0xC2, (byte) 0x85},
    };

    private final Random random;
    private final List<String> valid;
    private final List<String> fields;

    /**
     * @param valid  messages the reader accepts, to mutate
     * @param fields the names the reader looks for, so that random objects often use them
     */
    public HostileInput(long seed, List<String> valid, List<String> fields) {
        this.random = new Random(seed);
        this.valid = valid;
        this.fields = fields;
    }

    public static int cases() {
        return Integer.getInteger(CASES_PROPERTY, 3000);
    }

    public byte[] next() {
        return switch (random.nextInt(4)) {
            case 0 -> randomBytes();
            case 1 -> utf8(randomJson(0));
            case 2 -> mutated(utf8(pick(valid)));
            default -> utf8(withReplacedValue(pick(valid)));
        };
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomJson(int depth) {
        int kind = depth > 3 ? 3 + random.nextInt(5) : random.nextInt(8);
        return switch (kind) {
            case 0, 1 -> randomObject(depth);
            case 2 -> "[" + randomJson(depth + 1) + (random.nextBoolean() ? ", " + randomJson(depth + 1) : "") + "]";
            case 3, 4 -> "\"" + randomText() + "\"";
            case 5 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 6 -> random.nextBoolean() ? Double.toString(random.nextGaussian() * 1e6) : "null";
            default -> pick(SNIPPETS);
        };
    }

    private String randomObject(int depth) {
        StringBuilder object = new StringBuilder("{");
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            String name = random.nextInt(4) == 0 ? randomText() : pick(fields);
            object.append(i > 0 ? ", " : "").append('"').append(name).append("\": ").append(randomJson(depth + 1));
        }
        return object.append('}').toString();
    }

    /** Text for inside a JSON string: mostly plain, with escapes and characters that are trouble. */
    private String randomText() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append(pick(SNIPPETS));
                case 1 -> text.append(String.format("\\u%04x", random.nextInt(0x10000)));
                case 2 -> text.appendCodePoint(random.nextInt(0x20));
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    private byte[] mutated(byte[] message) {
        byte[] mutated = message;
        for (int round = 1 + random.nextInt(3); round > 0; round--) {
            int at = mutated.length == 0 ? 0 : random.nextInt(mutated.length);
            mutated = switch (random.nextInt(5)) {
                case 0 -> flip(mutated, at);
                case 1 -> insert(mutated, at, pick(RAW));
                case 2 -> insert(mutated, at, utf8(pick(SNIPPETS)));
                case 3 -> Arrays.copyOf(mutated, at);
                default -> cut(mutated, at, random.nextInt(8));
            };
        }
        return mutated;
    }

    /** A valid message with one of its string or number values swapped for random JSON. */
    private String withReplacedValue(String message) {
        String name = pick(fields);
        return message.replaceFirst("\"" + name + "\": (\"[^\"]*\"|-?\\d+|null)",
                Matcher.quoteReplacement("\"" + name + "\": " + randomJson(1)));
    }

    private byte[] flip(byte[] bytes, int at) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] flipped = bytes.clone();
        flipped[at] ^= (byte) (1 << random.nextInt(8));
        return flipped;
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static byte[] cut(byte[] bytes, int at, int length) {
        int end = Math.min(bytes.length, at + length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.write(bytes, end, bytes.length - end);
        return out.toByteArray();
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
