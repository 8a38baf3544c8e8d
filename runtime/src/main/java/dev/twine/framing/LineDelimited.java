package dev.twine.framing;

import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Splits a stream into lines, delivered without their delimiter, and on request into raw blocks of
 * a given length in between: Twisted's {@code LineReceiver}, with the raw-mode switch that
 * memcached's text protocol needs ({@code set k 0 0 5\r\n} announces five bytes of data and their
 * own {@code \r\n}). In Netty terms, a {@code LineBasedFrameDecoder} or
 * {@code DelimiterBasedFrameDecoder} that can hand over a fixed-length frame.
 *
 * <pre>
 * BEFORE DECODE (CRLF, 12 bytes)   AFTER DECODE (2 lines)
 * +-------------+-----------+      +---------+   +-------+
 * | "HELLO\r\n" | "BYE\r\n" |-----&gt;| "HELLO" |   | "BYE" |
 * +-------------+-----------+      +---------+   +-------+
 * </pre>
 *
 * <h2>Delimiters</h2>
 * <ul>
 *   <li>{@link Delimiter#CRLF}: only {@code \r\n} ends a line; a lone {@code \r} or {@code \n} is
 *       part of it.</li>
 *   <li>{@link Delimiter#LF}: {@code \n} ends a line; a {@code \r} before it is part of the
 *       line.</li>
 *   <li>{@link Delimiter#LF_OR_CRLF}: {@code \n} ends a line, and one {@code \r} right before it
 *       is dropped with it (memcached's rule).</li>
 * </ul>
 *
 * <h2>Raw blocks</h2>
 * {@link #readRaw(int) readRaw(n)} makes the next {@code n} bytes — counted from the end of the
 * last delivered frame — one frame, however they arrive; then line mode resumes by itself. It is
 * typically called from inside {@code onFrame} for the line that announced the block:
 *
 * <pre>
 * BEFORE DECODE (CRLF, 20 bytes)           AFTER DECODE (a line, then a raw block)
 * +-------------------+-------------+      +---------------+   +-------------+
 * | "set k 0 0 5\r\n" | "hello\r\n" |-----&gt;| "set k 0 0 5" |   | "hello\r\n" |
 * +-------------------+-------------+      +---------------+   +-------------+
 *                                               onFrame calls readRaw(7)
 * </pre>
 *
 * It may also be called between {@code decode} calls, but only at a frame boundary: not while part
 * of a line is held, since a block must not start inside a line that has already begun.
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li><b>{@code maxLineLength}</b> bounds a line, not counting its delimiter. A longer line
 *       throws {@link FrameTooLongException} — as soon as the bytes held can no longer end within
 *       the limit, without waiting for the delimiter. A line exactly at the limit whose
 *       {@code \r\n} is split between two reads is accepted.</li>
 *   <li>A {@link LongLines} policy, when given, may let one line that has outgrown
 *       {@code maxLineLength} go on to a larger limit, decided from the line's first bytes: the
 *       place for Twisted's {@code lineLengthExceeded}, and how memcached lets a multi-key
 *       {@code get} line grow while it closes on any other long line. The next line has
 *       {@code maxLineLength} again.</li>
 *   <li><b>{@code maxRawLength}</b> bounds a raw block: {@code readRaw} beyond it throws
 *       {@link FrameTooLongException} at once.</li>
 *   <li>Both may be at most {@value PartialFrame#MAX_LENGTH}. Held bytes are in an array that
 *       grows with the bytes that actually arrive; after a frame over
 *       {@value PartialFrame#RETAINED_CAPACITY} bytes it is dropped. Every byte is scanned once,
 *       however the line is split.</li>
 *   <li>The encoder, {@link #write}, applies neither limit; it only refuses a line that contains
 *       its own delimiter.</li>
 * </ul>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * private final LineDelimited framer = new LineDelimited(Delimiter.CRLF, 2048, 1024 * 1024);
 *
 * public void onBytes(ByteBuffer data) {
 *     framer.decode(data, frame -> {
 *         if (awaitingValue) { store(frame); awaitingValue = false; return; }
 *         Command command = parse(frame);
 *         if (command.isSet()) { awaitingValue = true; framer.readRaw(command.bytes() + 2); }
 *     });
 * }
 * }</pre>
 *
 * <p>Each frame is a view valid only during {@link FrameSink#onFrame}: the input itself, narrowed
 * to the frame, when the whole frame arrived in one piece.
 */
public final class LineDelimited implements FrameCodec<ByteBuffer> {

    /** What ends a line. */
    public enum Delimiter {
        /** {@code \n}; written as {@code \n}. */
        LF("\n"),
        /** {@code \r\n} only; written as {@code \r\n}. */
        CRLF("\r\n"),
        /** {@code \n}, with one {@code \r} before it dropped too; written as {@code \r\n}. */
        LF_OR_CRLF("\r\n");

        private final byte[] written;

        Delimiter(String written) {
            this.written = written.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Decides whether a line that has outgrown {@code maxLineLength} may keep growing. It is asked
     * once per such line, as soon as the bytes held show it is too long (with or without its
     * delimiter yet), so it decides from a bounded prefix and nothing unbounded is held first.
     */
    @FunctionalInterface
    public interface LongLines {

        /** Every line is held to {@code maxLineLength}. */
        LongLines REJECT = start -> 0;

        /**
         * @param start the line's first {@code maxLineLength + 1} bytes, read-only and valid only
         *     during the call
         * @return the longest this line may be, delimiter not counted; a value not above
         *     {@code maxLineLength} rejects it with {@link FrameTooLongException}, and a value over
         *     {@value PartialFrame#MAX_LENGTH} is taken as that
         */
        int limitFor(ByteBuffer start);
    }

    private final Delimiter delimiter;
    private final int maxLineLength;
    private final int maxRawLength;
    private final LongLines longLines;
    private final PartialFrame partial = new PartialFrame();
    private final Poison poison = new Poison("LineDelimited");

    /** Length of the raw block being read; -1 in line mode. */
    private int rawLength = -1;

    /** The current line's limit: {@link #maxLineLength} unless {@link #longLines} raised it. */
    private int lineLimit;

    /** Whether {@link #longLines} has been asked about the current line. */
    private boolean longLineDecided;

    /**
     * @param delimiter     what ends a line
     * @param maxLineLength the longest line accepted, not counting its delimiter
     * @param maxRawLength  the longest block {@link #readRaw} accepts
     * @param longLines     which lines may outgrow {@code maxLineLength}, and by how much
     * @throws IllegalArgumentException if a limit is negative or over
     *     {@value PartialFrame#MAX_LENGTH}
     */
    public LineDelimited(Delimiter delimiter, int maxLineLength, int maxRawLength, LongLines longLines) {
        this.delimiter = Objects.requireNonNull(delimiter, "delimiter");
        this.maxLineLength = checkLimit("maxLineLength", maxLineLength);
        this.maxRawLength = checkLimit("maxRawLength", maxRawLength);
        this.longLines = Objects.requireNonNull(longLines, "longLines");
        this.lineLimit = maxLineLength;
    }

    /** Every line held to {@code maxLineLength}: {@link LongLines#REJECT}. */
    public LineDelimited(Delimiter delimiter, int maxLineLength, int maxRawLength) {
        this(delimiter, maxLineLength, maxRawLength, LongLines.REJECT);
    }

    /** Raw blocks limited to {@code maxLineLength} too. */
    public LineDelimited(Delimiter delimiter, int maxLineLength) {
        this(delimiter, maxLineLength, maxLineLength);
    }

    private static int checkLimit(String name, int limit) {
        if (limit < 0 || limit > PartialFrame.MAX_LENGTH) {
            throw new IllegalArgumentException(
                    name + " must be between 0 and " + PartialFrame.MAX_LENGTH + ", got " + limit);
        }
        return limit;
    }

    @Override
    public void decode(ByteBuffer in, FrameSink<? super ByteBuffer> sink) {
        poison.check();
        while ((in.hasRemaining() || rawBlockHeld()) && sink.isReceiving()) {
            boolean delivered = rawLength >= 0 ? readRawBlock(in, sink) : readLine(in, sink);
            if (!delivered) {
                return;
            }
            // A readRaw over the limit inside onFrame poisons us even if the sink swallowed it.
            poison.check();
        }
    }

    /**
     * Makes the next {@code length} bytes one frame, after which line mode resumes: from inside
     * {@code onFrame}, the bytes right after that frame; between {@code decode} calls, the next
     * bytes to arrive. {@code readRaw(0)} delivers an empty frame at the next step of
     * {@code decode}, input or not.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws IllegalStateException    if a raw block is already being read, part of a line is held
     *     (called between reads in the middle of a line), or the framer failed
     * @throws FrameTooLongException    if {@code length} is over {@code maxRawLength}; this framer is
     *     then poisoned, like after any framing error
     */
    public void readRaw(int length) {
        poison.check();
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
        if (rawLength >= 0) {
            throw new IllegalStateException("already reading a raw block of " + rawLength + " bytes");
        }
        if (partial.size() > 0) {
            throw new IllegalStateException("a raw block cannot start inside a line: "
                    + partial.size() + " bytes of one are held (call readRaw from onFrame)");
        }
        if (length > maxRawLength) {
            throw poison.set(new FrameTooLongException("raw block", length, maxRawLength));
        }
        rawLength = length;
    }

    /** True when a raw block can be delivered without more input. */
    private boolean rawBlockHeld() {
        return rawLength >= 0 && partial.size() >= rawLength;
    }

    private boolean readRawBlock(ByteBuffer in, FrameSink<? super ByteBuffer> sink) {
        if (!partial.gather(in, rawLength)) {
            return false;
        }
        // Line mode first, so that a readRaw from inside this onFrame starts a fresh block.
        rawLength = -1;
        partial.deliver(in, 0, sink);
        return true;
    }

    /**
     * Scans the new bytes for the end of the current line. Held bytes have been scanned already;
     * only their last byte is looked at again, for a {@code \r\n} split between reads.
     */
    private boolean readLine(ByteBuffer in, FrameSink<? super ByteBuffer> sink) {
        int from = in.position();
        int to = in.limit();
        int held = partial.size();
        for (int i = from; i < to; i++) {
            if (in.get(i) != '\n') {
                continue;
            }
            boolean afterCr = i > from ? in.get(i - 1) == '\r' : held > 0 && partial.last() == '\r';
            if (delimiter == Delimiter.CRLF && !afterCr) {
                continue;
            }
            int delimiterLength = afterCr && delimiter != Delimiter.LF ? 2 : 1;
            long lineLength = (long) held + (i - from) + 1 - delimiterLength;
            // mayGrow may raise lineLimit, hence the second comparison.
            if (lineLength > lineLimit && (!mayGrow(in) || lineLength > lineLimit)) {
                throw poison.set(new FrameTooLongException("line", lineLength, lineLimit));
            }
            // Always true: the whole line is here.
            partial.gather(in, (int) lineLength + delimiterLength);
            lineLimit = maxLineLength;
            longLineDecided = false;
            partial.deliver(in, delimiterLength, sink);
            return true;
        }
        // No end yet. A held "\r" may still be the start of a "\r\n" that ends a line at the limit.
        long heldAfter = (long) held + (to - from);
        int slack = delimiter != Delimiter.LF && in.get(to - 1) == '\r' ? 1 : 0;
        // mayGrow may raise lineLimit, hence the second comparison.
        if (heldAfter > lineLimit + slack && (!mayGrow(in) || heldAfter > lineLimit + slack)) {
            throw poison.set(new FrameTooLongException("line", lineLimit));
        }
        partial.append(in, in.remaining(), lineLimit + 2);
        return false;
    }

    /**
     * Asks {@link #longLines}, once per line, whether the current line may outgrow
     * {@code maxLineLength}, and raises {@link #lineLimit} to its answer. Called only when more
     * than {@code maxLineLength} bytes of the line are held or in {@code in}. The policy sees the
     * first {@code maxLineLength + 1} of them in one piece: a window of the input when nothing is
     * held, else the held bytes, topped up from the input.
     *
     * @return whether the line's limit was raised
     */
    private boolean mayGrow(ByteBuffer in) {
        if (longLineDecided) {
            return false;
        }
        longLineDecided = true;
        int prefix = maxLineLength + 1;
        ByteBuffer start;
        if (partial.size() == 0) {
            start = in.slice(in.position(), prefix);
        } else {
            if (partial.size() < prefix) {
                partial.append(in, prefix - partial.size(), prefix + 1);
            }
            start = partial.held().slice(0, prefix);
        }
        int limit = longLines.limitFor(start.asReadOnlyBuffer());
        if (limit <= maxLineLength) {
            return false;
        }
        lineLimit = Math.min(limit, PartialFrame.MAX_LENGTH);
        return true;
    }

    /**
     * Writes {@code frame}'s remaining bytes and the delimiter ({@code \n} for {@link Delimiter#LF},
     * {@code \r\n} otherwise), and advances its position to its limit.
     *
     * @throws IllegalArgumentException if the line contains {@code \n} (or, for
     *     {@link Delimiter#CRLF}, {@code \r\n}): it would read back as two lines. Nothing is
     *     written then.
     */
    @Override
    public void write(Transport transport, ByteBuffer frame) {
        int first = frame.position();
        for (int i = first; i < frame.limit(); i++) {
            if (frame.get(i) == '\n'
                    && (delimiter != Delimiter.CRLF || i > first && frame.get(i - 1) == '\r')) {
                throw new IllegalArgumentException("a line cannot contain its delimiter ("
                        + (delimiter == Delimiter.CRLF ? "\\r\\n" : "\\n") + "), found at index "
                        + (i - first));
            }
        }
        transport.write(frame);
        transport.write(delimiter.written);
    }

    /** {@link #write(Transport, ByteBuffer)} for a whole array. */
    public void write(Transport transport, byte[] line) {
        write(transport, ByteBuffer.wrap(line));
    }

    /** Bytes held for the unfinished line or raw block; 0 between frames. */
    @Override
    public int bufferedBytes() {
        return partial.size();
    }

    /** Also while a raw block has been asked for and none of it has arrived. */
    @Override
    public boolean isInsideFrame() {
        return partial.size() > 0 || rawLength > 0;
    }

    @Override
    public boolean hasFailed() {
        return poison.hasFailed();
    }

    /** True from {@link #readRaw} until the raw block is delivered. */
    public boolean isRawMode() {
        return rawLength >= 0;
    }

    /** The length of the raw block being read, as given to {@link #readRaw}; -1 in line mode. */
    public int rawBlockLength() {
        return rawLength;
    }

    public Delimiter delimiter() {
        return delimiter;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    public int maxRawLength() {
        return maxRawLength;
    }
}
