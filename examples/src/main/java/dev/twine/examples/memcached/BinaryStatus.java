package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * The binary protocol's response status codes that this server gives, and the message memcached
 * sends as the value of each error response (its {@code write_bin_error}).
 */
final class BinaryStatus {

    static final int NO_ERROR = 0x0000;
    static final int KEY_NOT_FOUND = 0x0001;
    static final int KEY_EXISTS = 0x0002;
    static final int VALUE_TOO_LARGE = 0x0003;
    static final int INVALID_ARGUMENTS = 0x0004;
    static final int ITEM_NOT_STORED = 0x0005;
    static final int NON_NUMERIC = 0x0006;
    static final int UNKNOWN_COMMAND = 0x0081;

    private static final byte[] NOT_FOUND_TEXT = "Not found".getBytes(US_ASCII);
    private static final byte[] EXISTS_TEXT = "Data exists for key.".getBytes(US_ASCII);
    private static final byte[] TOO_LARGE_TEXT = "Too large.".getBytes(US_ASCII);
    private static final byte[] INVALID_TEXT = "Invalid arguments".getBytes(US_ASCII);
    private static final byte[] NOT_STORED_TEXT = "Not stored.".getBytes(US_ASCII);
    private static final byte[] NON_NUMERIC_TEXT =
            "Non-numeric server-side value for incr or decr".getBytes(US_ASCII);
    private static final byte[] UNKNOWN_TEXT = "Unknown command".getBytes(US_ASCII);

    private BinaryStatus() {}

    /** The text of an error status; shared arrays, not to be changed. */
    static byte[] message(int status) {
        return switch (status) {
            case KEY_NOT_FOUND -> NOT_FOUND_TEXT;
            case KEY_EXISTS -> EXISTS_TEXT;
            case VALUE_TOO_LARGE -> TOO_LARGE_TEXT;
            case INVALID_ARGUMENTS -> INVALID_TEXT;
            case ITEM_NOT_STORED -> NOT_STORED_TEXT;
            case NON_NUMERIC -> NON_NUMERIC_TEXT;
            case UNKNOWN_COMMAND -> UNKNOWN_TEXT;
            default -> throw new IllegalArgumentException("not an error status: 0x" + Integer.toHexString(status));
        };
    }

    /** The status that reports what the store did. */
    static int of(Store.Status status) {
        return switch (status) {
            case OK -> NO_ERROR;
            case NOT_FOUND -> KEY_NOT_FOUND;
            case EXISTS -> KEY_EXISTS;
            case TOO_LARGE -> VALUE_TOO_LARGE;
            case NOT_STORED -> ITEM_NOT_STORED;
            case NON_NUMERIC -> NON_NUMERIC;
        };
    }
}
