package dev.twine.framing;

import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;

/**
 * Splits a stream of netstrings — {@code <decimal length>:<bytes>,}, as D. J. Bernstein specified
 * them — into their data: Twisted's {@code NetstringReceiver}.
 *
 * <pre>
 * BEFORE DECODE (11 bytes)     AFTER DECODE (2 frames)
 * +------------+--------+      +---------+   +-----+
 * | "5:HELLO," | "0:,"  |-----&gt;| "HELLO" |   | ""  |
 * +------------+--------+      +---------+   +-----+
 * </pre>
 *
 * <h2>What is corrupt</h2>
 * Each throws {@link CorruptFrameException} at the offending byte:
 * <ul>
 *   <li>a length with a leading zero ({@code 01:a,}); {@code 0} alone is the empty string;</li>
 *   <li>a byte other than a digit before the {@code :} ({@code 3aaa,}, {@code abc});</li>
 *   <li>a {@code :} with no digits before it ({@code :aaa,});</li>
 *   <li>a byte other than {@code ,} after the data ({@code 4:abcde}, {@code 2:aaa,}).</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li><b>{@code maxLength}</b> bounds the data. Once the digits read so far make a number over
 *       it, {@link FrameTooLongException} is thrown — before the {@code :}, before any data, and
 *       without arithmetic overflow however many digits follow.</li>
 *   <li>It may be at most {@value PartialFrame#MAX_LENGTH}. Data that arrives in pieces is held in
 *       an array that grows with the bytes that actually arrive; after a frame over
 *       {@value PartialFrame#RETAINED_CAPACITY} bytes it is dropped.</li>
 *   <li>The encoder, {@link #write}, does not apply {@code maxLength}: that limit protects this
 *       side from its peer.</li>
 * </ul>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * private final Netstring framer = new Netstring(64 * 1024);
 *
 * public void onBytes(ByteBuffer data) {
 *     framer.decode(data, string -> framer.write(transport, string)); // echo each one back
 * }
 * }</pre>
 *
 * <p>Each frame is a view valid only during {@link FrameSink#onFrame}: the input itself, narrowed
 * to the data, when the whole netstring arrived in one piece. Decoding keeps per-connection state,
 * so each connection needs its own instance; encoding keeps none, so one instance may encode for
 * many connections, on one thread ({@code write} reuses a scratch array for the length).
 */
public final class Netstring implements FrameCodec<ByteBuffer> {

    /** Which part of a netstring the framer is in. */
    public enum Stage {
        /** Reading the decimal length, up to and including the {@code :}; also between netstrings. */
        LENGTH,
        /** Reading the data. */
        DATA,
        /** Waiting for the {@code ,} after the data. */
        COMMA
    }

    /** {@code "2147483647:"}: the longest length an {@code int} makes, and its colon. */
    private static final int MAX_PREFIX_BYTES = 11;
    private static final byte[] COMMA = {','};

    private final int maxLength;
    private final byte[] prefixScratch = new byte[MAX_PREFIX_BYTES];
    private final PartialFrame partial = new PartialFrame();
    private final Poison poison = new Poison("Netstring");

    /** Digits of the current length read so far. */
    private int digits;
    /** The value of those digits. */
    private int length;
    /** True once the {@code :} is read, until the netstring is delivered. */
    private boolean lengthRead;

    /**
     * @param maxLength the longest data accepted, from 0 to {@value PartialFrame#MAX_LENGTH}
     * @throws IllegalArgumentException if {@code maxLength} is out of range
     */
    public Netstring(int maxLength) {
        if (maxLength < 0 || maxLength > PartialFrame.MAX_LENGTH) {
            throw new IllegalArgumentException("maxLength must be between 0 and "
                    + PartialFrame.MAX_LENGTH + ", got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    @Override
    public void decode(ByteBuffer in, FrameSink<? super ByteBuffer> sink) {
        poison.check();
        while (in.hasRemaining() && sink.isReceiving()) {
            if (!lengthRead && !readLength(in)) {
                return;
            }
            // The comma is gathered with the data, so that a netstring found whole is one window.
            if (!partial.gather(in, length + 1)) {
                return;
            }
            byte end = partial.lastGathered(in);
            if (end != ',') {
                throw poison.set(new CorruptFrameException("expected ',' after the " + length
                        + " bytes of a netstring, got " + describe(end)));
            }
            digits = 0;
            length = 0;
            lengthRead = false;
            partial.deliver(in, 1, sink);
        }
    }

    /** Reads length bytes; true once the {@code :} is read. */
    private boolean readLength(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == ':' && digits > 0) {
                lengthRead = true;
                return true;
            }
            if (b < '0' || b > '9') {
                throw poison.set(new CorruptFrameException(
                        "expected a digit" + (digits > 0 ? " or ':'" : "")
                                + " in a netstring's length, got " + describe(b)));
            }
            if (digits > 0 && length == 0) {
                throw poison.set(new CorruptFrameException("a netstring's length has a leading zero"));
            }
            long next = length * 10L + (b - '0');
            if (next > maxLength) {
                throw poison.set(new FrameTooLongException("netstring", maxLength));
            }
            length = (int) next;
            digits++;
        }
        return false;
    }

    private static String describe(byte b) {
        return b >= 0x20 && b < 0x7F
                ? "'" + (char) b + "'"
                : String.format("0x%02X", b & 0xFF);
    }

    /**
     * Writes {@code frame}'s remaining bytes as a netstring and advances its position to its limit.
     */
    @Override
    public void write(Transport transport, ByteBuffer frame) {
        int start = MAX_PREFIX_BYTES - 1;
        prefixScratch[start] = ':';
        int n = frame.remaining();
        do {
            prefixScratch[--start] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n > 0);
        transport.write(prefixScratch, start, MAX_PREFIX_BYTES - start);
        transport.write(frame);
        transport.write(COMMA);
    }

    /** Length digits, the colon and data held for the unfinished netstring; 0 between them. */
    @Override
    public boolean hasFailed() {
        return poison.hasFailed();
    }

    @Override
    public int bufferedBytes() {
        return digits + (lengthRead ? 1 : 0) + partial.size();
    }

    /** Which part of a netstring comes next. */
    public Stage stage() {
        if (!lengthRead) {
            return Stage.LENGTH;
        }
        return partial.size() < length ? Stage.DATA : Stage.COMMA;
    }

    /** The unfinished netstring's data length, or -1 until its {@code :} is read. */
    public int declaredLength() {
        return lengthRead ? length : -1;
    }

    public int maxLength() {
        return maxLength;
    }
}
