package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Seeded random pipelines of memcached requests, in either protocol, over a few keys that spread
 * over every partition: every kind of command the server answers, quiet and noreply ones, bad ones,
 * and oversized sets. Their answers do not depend on timing or on CAS uniques (a {@code cas} of
 * {@value #NO_SUCH_UNIQUE} matches no item in a pipeline this short), so two servers given the same
 * pipeline must answer it alike, CAS fields aside.
 */
final class RandomPipelines {

    /** Items up to this long: small, so that an oversized set is cheap. */
    static final int MAX_ITEM_BYTES = 1024;

    private static final long NO_SUCH_UNIQUE = 999_999;
    private static final McRequestEncoder ENCODER = new McRequestEncoder();
    private static final byte[] NONE = {};

    private final SplittableRandom random;
    private int opaque;

    RandomPipelines(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * A burst of text requests, with their data blocks: usually a few dozen at most, now and then
     * hundreds, more than a connection may have waiting for other reactors at once.
     */
    byte[] textBurst() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = burstLength(); n > 0; n--) {
            out.writeBytes(textRequest().getBytes(US_ASCII));
        }
        return out.toByteArray();
    }

    /** A burst of binary requests, as long as {@link #textBurst()}'s. */
    byte[] binaryBurst() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = burstLength(); n > 0; n--) {
            out.writeBytes(ENCODER.toByteArray(binaryRequest()));
        }
        return out.toByteArray();
    }

    private int burstLength() {
        return 1 + random.nextInt(random.nextInt(8) == 0 ? 4 * ReplyOrder.MOST_UNANSWERED : 40);
    }

    private String textRequest() {
        String key = key();
        String noreply = random.nextInt(4) == 0 ? " noreply" : "";
        String value = letters();
        return switch (random.nextInt(22)) {
            case 0, 1 -> "set " + key + " " + random.nextInt(100) + " 0 " + value.length() + noreply + "\r\n" + value + "\r\n";
            case 2 -> "add " + key + " 0 0 " + value.length() + noreply + "\r\n" + value + "\r\n";
            case 3 -> "replace " + key + " 7 0 " + value.length() + noreply + "\r\n" + value + "\r\n";
            case 4 -> "append " + key + " 0 0 " + value.length() + noreply + "\r\n" + value + "\r\n";
            case 5 -> "prepend " + key + " 0 0 " + value.length() + noreply + "\r\n" + value + "\r\n";
            case 6 -> "cas " + key + " 0 0 " + value.length() + " " + NO_SUCH_UNIQUE + noreply + "\r\n" + value + "\r\n";
            case 7, 8, 9 -> "get " + keys() + "\r\n";
            case 10 -> "gat 0 " + keys() + "\r\n";
            case 11 -> "delete " + key + noreply + "\r\n";
            case 12 -> {
                String number = Integer.toString(random.nextInt(1000));
                yield "set " + key + " 0 0 " + number.length() + noreply + "\r\n" + number + "\r\n";
            }
            case 13 -> (random.nextBoolean() ? "incr " : "decr ") + key + " " + random.nextInt(50) + noreply + "\r\n";
            case 14 -> "touch " + key + " 0" + noreply + "\r\n";
            case 15 -> random.nextInt(10) == 0 ? "flush_all" + noreply + "\r\n" : "version\r\n";
            case 16 -> "verbosity 1" + noreply + "\r\n";
            case 17 -> "bogus " + key + "\r\n";
            case 18 -> "get " + "x".repeat(251) + "\r\n";
            case 19 -> oversizedTextSet(key, noreply);
            default -> "get " + key + "\r\n";
        };
    }

    /** A set whose block is over the item limit: refused from its line, its block read and dropped. */
    private String oversizedTextSet(String key, String noreply) {
        String block = "y".repeat(MAX_ITEM_BYTES + 1);
        return "set " + key + " 0 0 " + block.length() + noreply + "\r\n" + block + "\r\n";
    }

    private McRequest binaryRequest() {
        byte[] key = key().getBytes(US_ASCII);
        byte[] value = letters().getBytes(US_ASCII);
        return switch (random.nextInt(20)) {
            case 0, 1 -> new McRequest.Get(pick(Opcode.GET, Opcode.GETQ, Opcode.GETK, Opcode.GETKQ), header(key, 0, 0), key);
            case 2, 3 -> new McRequest.Update(pick(Opcode.SET, Opcode.SETQ), header(key, 8, 0), random.nextInt(100), 0,
                    key, value);
            case 4 -> new McRequest.Update(pick(Opcode.ADD, Opcode.ADDQ, Opcode.REPLACE, Opcode.REPLACEQ),
                    header(key, 8, 0), 3, 0, key, value);
            case 5 -> new McRequest.Update(Opcode.SET, header(key, 8, NO_SUCH_UNIQUE), 0, 0, key, value);
            case 6 -> new McRequest.Append(pick(Opcode.APPEND, Opcode.APPENDQ, Opcode.PREPEND, Opcode.PREPENDQ),
                    header(key, 0, 0), key, value);
            case 7 -> new McRequest.Delete(pick(Opcode.DELETE, Opcode.DELETEQ), header(key, 0, 0), key);
            case 8, 9 -> new McRequest.Counter(pick(Opcode.INCREMENT, Opcode.INCREMENTQ, Opcode.DECREMENT,
                    Opcode.DECREMENTQ), header(key, 20, 0), random.nextInt(50), random.nextInt(1000),
                    random.nextBoolean() ? 0 : -1, key);
            case 10 -> new McRequest.Touch(pick(Opcode.TOUCH, Opcode.GAT, Opcode.GATQ, Opcode.GATK, Opcode.GATKQ),
                    header(key, 4, 0), 0, key);
            case 11 -> random.nextInt(10) == 0
                    ? new McRequest.Flush(pick(Opcode.FLUSH, Opcode.FLUSHQ), header(NONE, 0, 0), NONE)
                    : new McRequest.Bare(Opcode.VERSION, header(NONE, 0, 0));
            case 12 -> new McRequest.Unknown(0x1b, header(NONE, 0, 0), NONE);
            // Over the item limit: refused by the store, or, longer still, skipped by the framer.
            case 13 -> new McRequest.Update(pick(Opcode.SET, Opcode.SETQ, Opcode.ADD), header(key, 8, 0), 0, 0, key,
                    new byte[MAX_ITEM_BYTES + (random.nextBoolean() ? 1 : 100)]);
            default -> new McRequest.Bare(Opcode.NOOP, header(NONE, 0, 0));
        };
    }

    private McRequest.Header header(byte[] key, int extrasLength, long cas) {
        return new McRequest.Header(key.length, extrasLength, (byte) 0, (short) 0, opaque++, cas);
    }

    private int pick(int... opcodes) {
        return opcodes[random.nextInt(opcodes.length)];
    }

    private String key() {
        return "k" + random.nextInt(12);
    }

    /** One to five keys, repeats allowed. */
    private String keys() {
        StringBuilder keys = new StringBuilder(key());
        for (int n = random.nextInt(5); n > 0; n--) {
            keys.append(' ').append(key());
        }
        return keys.toString();
    }

    private String letters() {
        StringBuilder letters = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    /**
     * Binary responses with their CAS fields zeroed: uniques are handed out per partition, so two
     * servers partitioned differently give the same items different ones.
     */
    static byte[] withoutCas(byte[] responses) {
        byte[] copy = responses.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy);
        int at = 0;
        while (at + McRequest.HEADER_LENGTH <= copy.length) {
            buffer.putLong(at + 16, 0);
            at += McRequest.HEADER_LENGTH + buffer.getInt(at + 8);
        }
        return copy;
    }
}
