package dev.twine.examples.memcached;

/**
 * A binary response's status, as {@link MemcachedClient} reports it: the codes memcached gives for
 * the commands the client sends, and {@link #UNRECOGNIZED} for any other.
 */
public enum McStatus {
    NO_ERROR(BinaryStatus.NO_ERROR),
    KEY_NOT_FOUND(BinaryStatus.KEY_NOT_FOUND),
    KEY_EXISTS(BinaryStatus.KEY_EXISTS),
    VALUE_TOO_LARGE(BinaryStatus.VALUE_TOO_LARGE),
    INVALID_ARGUMENTS(BinaryStatus.INVALID_ARGUMENTS),
    ITEM_NOT_STORED(BinaryStatus.ITEM_NOT_STORED),
    NON_NUMERIC(BinaryStatus.NON_NUMERIC),
    UNKNOWN_COMMAND(BinaryStatus.UNKNOWN_COMMAND),
    /** A code this client does not name (memcached has more, for features it does not use). */
    UNRECOGNIZED(-1);

    private final int code;

    McStatus(int code) {
        this.code = code;
    }

    /** The code on the wire; -1 for {@link #UNRECOGNIZED}. */
    public int code() {
        return code;
    }

    /** The status with this wire code. */
    public static McStatus of(int code) {
        return switch (code) {
            case BinaryStatus.NO_ERROR -> NO_ERROR;
            case BinaryStatus.KEY_NOT_FOUND -> KEY_NOT_FOUND;
            case BinaryStatus.KEY_EXISTS -> KEY_EXISTS;
            case BinaryStatus.VALUE_TOO_LARGE -> VALUE_TOO_LARGE;
            case BinaryStatus.INVALID_ARGUMENTS -> INVALID_ARGUMENTS;
            case BinaryStatus.ITEM_NOT_STORED -> ITEM_NOT_STORED;
            case BinaryStatus.NON_NUMERIC -> NON_NUMERIC;
            case BinaryStatus.UNKNOWN_COMMAND -> UNKNOWN_COMMAND;
            default -> UNRECOGNIZED;
        };
    }
}
