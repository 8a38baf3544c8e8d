package dev.twine.benchmarks.memcached;

/**
 * The numbers of memcached's binary protocol that the Netty peer speaks: the 24-byte header's
 * layout, the opcodes {@code memcaslap --binary} sends (get and set; getq, getk, getkq, setq and
 * noop for clients that batch), and the response statuses with memcached's own error texts. The
 * Twine example keeps its own (package-private) table; both follow memcached's
 * {@code protocol_binary.h}.
 */
final class BinaryProtocol {

    static final int HEADER_LENGTH = 24;
    static final int REQUEST_MAGIC = 0x80;
    static final int RESPONSE_MAGIC = 0x81;

    /** Byte offsets in the header. */
    static final int OPCODE_OFFSET = 1;
    static final int KEY_LENGTH_OFFSET = 2;
    static final int EXTRAS_LENGTH_OFFSET = 4;
    static final int BODY_LENGTH_OFFSET = 8;
    static final int OPAQUE_OFFSET = 12;
    static final int CAS_OFFSET = 16;

    static final int GET = 0x00;
    static final int SET = 0x01;
    static final int GETQ = 0x09;
    static final int NOOP = 0x0a;
    static final int GETK = 0x0c;
    static final int GETKQ = 0x0d;
    static final int SETQ = 0x11;

    /** A set's extras: 4 bytes of flags, 4 of expiration. */
    static final int SET_EXTRAS_LENGTH = 8;

    static final int NO_ERROR = 0x0000;
    static final int KEY_NOT_FOUND = 0x0001;
    static final int KEY_EXISTS = 0x0002;
    static final int VALUE_TOO_LARGE = 0x0003;
    static final int INVALID_ARGUMENTS = 0x0004;
    static final int ITEM_NOT_STORED = 0x0005;
    static final int NON_NUMERIC = 0x0006;
    static final int UNKNOWN_COMMAND = 0x0081;

    private BinaryProtocol() {}

    /** Whether {@code opcode} answers nothing on success (and, for the gets, nothing on a miss). */
    static boolean isQuiet(int opcode) {
        return opcode == GETQ || opcode == GETKQ || opcode == SETQ;
    }

    /** Whether a hit for {@code opcode} carries the key back. */
    static boolean returnsKey(int opcode) {
        return opcode == GETK || opcode == GETKQ;
    }

    /** Whether {@code opcode} carries a value the server must keep. */
    static boolean storesValue(int opcode) {
        return opcode == SET || opcode == SETQ;
    }

    /** The text memcached sends as the value of an error response ({@code write_bin_error}). */
    static String message(int status) {
        return switch (status) {
            case KEY_NOT_FOUND -> "Not found";
            case KEY_EXISTS -> "Data exists for key.";
            case VALUE_TOO_LARGE -> "Too large.";
            case INVALID_ARGUMENTS -> "Invalid arguments";
            case ITEM_NOT_STORED -> "Not stored.";
            case NON_NUMERIC -> "Non-numeric server-side value for incr or decr";
            case UNKNOWN_COMMAND -> "Unknown command";
            default -> throw new IllegalArgumentException("not an error status: 0x" + Integer.toHexString(status));
        };
    }
}
