package dev.twine.framing;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The framer behind every protocol whose header carries the frame's length and tag: the superclass
 * of each generated {@code PFramer}. This class does everything generic — resuming inside the
 * header, the checks, holding a frame that arrives in pieces, delivering — and a subclass only maps
 * tags to kinds ({@link #kindOf}) and decodes one complete frame with straight-line code
 * ({@link #read}). Each frame is read by that one piece of code, whether it arrived whole or not. A
 * generated subclass also reads the header's length and tag with its fields' own widths and orders
 * ({@link #lengthAt}, {@link #rawTagAt}).
 *
 * <pre>
 * BEFORE DECODE (seed protocol: 4-byte length of what follows, 4-byte tag; 20 bytes)
 * +-------------+-------------+-------------+-------------+-------+------+
 * | 00 00 00 04 | 00 00 00 00 | 00 00 00 08 | 00 00 00 01 | 00 02 | "hi" |
 * |   length    |    tag 0    |   length    |    tag 1    |  Say's text  |
 * +-------------+-------------+-------------+-------------+-------+------+
 *
 * AFTER DECODE (2 frames)
 * onFrameOfKind(0, Type0[])   onFrameOfKind(1, Say[text=hi])
 * </pre>
 *
 * <h2>Decoding</h2>
 * <ol>
 *   <li>The header. When nothing is held and the input has the whole header, it is parsed in
 *       place; otherwise its bytes are held as they arrive, in the array that will hold the frame,
 *       and none is parsed twice (a varint length is checked a byte at a time).</li>
 *   <li>When it is complete, in this order: the magic fields ({@link CorruptFrameException}); the
 *       frame length, which must span the header ({@link CorruptFrameException}) and be within
 *       {@link FrameHeader#maxFrameLength()} ({@link FrameTooLongException}, before anything is
 *       allocated for the rest); the tag, which {@link #kindOf} must know
 *       ({@link CorruptFrameException}).</li>
 *   <li>The frame: a frame found whole in the input is read in place, from the input itself;
 *       otherwise the bytes that arrive are held until it is complete. {@link #read} must consume
 *       it exactly: a frame shorter than its layout, or longer, is a
 *       {@link CorruptFrameException}.</li>
 *   <li>The state is cleared, then {@link #read} runs, then the sink gets the frame through
 *       {@link FrameSink#onFrameOfKind}.</li>
 * </ol>
 *
 * <h2>Skipping long frames</h2>
 * By default a frame over {@link FrameHeader#maxFrameLength()} fails the framer, as any framing
 * error does. A protocol that answers an over-long request and goes on (memcached answers "Too
 * large" and reads the next request) calls {@link #skipFramesLongerThan} instead: a frame over that
 * limit, whatever its length, has only its first bytes held and shown to the sink
 * ({@link FrameSink#onSkippedFrame}); its other bytes are dropped as they arrive, never held, and
 * the frame after it is read as usual. Its header is checked as every header is, magic and tag
 * included, so a skipped frame is a well-formed one.
 *
 * Every {@link FramingException}, the engine's or {@link #read}'s, poisons the framer. Exceptions
 * from the sink pass through untouched and do not. In steady state nothing is allocated but what
 * {@link #read} returns.
 *
 * @param <F> the protocol's frame type
 */
public abstract class HeaderFramer<F> implements Framer<F> {

    private final FrameHeader header;
    private final PartialFrame partial = new PartialFrame();
    private final Poison poison;
    /** The most header bytes ever held: the fixed part and the longest varint. */
    private final int longestHeader;

    /** Frames over this length are skipped; -1 when none is (over the header's limit they fail). */
    private int skipLimit = -1;
    /** How many of a skipped frame's first bytes the sink is shown. */
    private int skipShown;

    /** The current frame's length, or what is held of it when skipped; -1 while its header is incomplete. */
    private int frameLength = -1;
    /** The length of a frame to skip, while its first bytes are gathered; -1 otherwise. */
    private long skippedLength = -1;
    /** Bytes of a skipped frame still to drop. */
    private long toSkip;
    /** Varint length bytes checked so far, and their value: the header's only running state. */
    private int varintBytes;
    private long varintValue;
    // The last complete header's fields: valid from its completion through read().
    private int kind;
    private long tag;
    private int tagFlags;
    private int lengthFieldEnd;
    private int headerEnd;

    protected HeaderFramer(FrameHeader header) {
        this.header = header;
        this.poison = new Poison(header.name() + " framer");
        this.longestHeader = header.fixedEnd() + (header.hasVarintLength() ? 10 : 0);
    }

    /**
     * The kind of frame {@code tag} announces: the index of its frame type in the protocol, or -1 if
     * there is none. A protocol without a tag is asked about tag 0.
     */
    protected abstract int kindOf(long tag);

    /**
     * Decodes one complete frame of {@code kind}. {@code frame}'s position is the frame's first
     * byte and its limit the frame's end, and its order is big-endian whatever the caller's
     * buffer had (it is restored afterwards); it must consume exactly to the limit. Reading past the
     * limit ({@link BufferUnderflowException}) is reported as a frame that ends inside its layout.
     * It may throw a {@link CorruptFrameException} for content the protocol forbids.
     */
    protected abstract F read(int kind, ByteBuffer frame);

    /**
     * The fixed-width length field's value, unsigned (an 8-byte value with its top bit set is
     * negative), from the complete header that {@code frame} holds from index {@code start} on.
     * {@code frame} is big-endian; its position and limit are not to move. Every check on the
     * value is made after it, whoever reads it.
     *
     * <p>By default the field is read as the {@link FrameHeader} says, through its width and order.
     * A generated framer overrides this with the one read its field needs: the JIT folds a fixed
     * width and order into the header's parsing, but not a width and an order held in fields.
     */
    protected long lengthAt(ByteBuffer frame, int start) {
        return header.lengthAt(frame, start);
    }

    /**
     * The tag field, not yet shifted, from the header that {@code frame} holds from index
     * {@code start} on; 0 for a protocol without a tag. As {@link #lengthAt}: {@code frame} is
     * big-endian, its position and limit are not to move, and a generated framer overrides this
     * with its tag's one read.
     */
    protected long rawTagAt(ByteBuffer frame, int start) {
        return header.rawTagAt(frame, start);
    }

    /** The tag of the frame being read. */
    protected final long tag() {
        return tag;
    }

    /** The low bits of its tag field that the tag's shift drops. */
    protected final int tagFlags() {
        return tagFlags;
    }

    /** Where the length field of the frame being read ends, from its first byte: what to skip. */
    protected final int lengthFieldEnd() {
        return lengthFieldEnd;
    }

    /**
     * From the next header on, skips every frame longer than {@code limit} bytes instead of
     * failing on it (see the class comment): the sink is shown the frame's first {@code shown}
     * bytes (its header's, and at least those) and the kind its header announced, and the rest is
     * dropped as it arrives. Frames up to {@code limit} bytes are read as before.
     *
     * @param limit the longest frame read; at most {@link FrameHeader#maxFrameLength()}
     * @param shown how many of a skipped frame's first bytes to hold and show; at most
     *     {@code limit}
     * @return this framer
     * @throws IllegalArgumentException if a bound is broken
     */
    public final HeaderFramer<F> skipFramesLongerThan(int limit, int shown) {
        if (limit < 0 || limit > header.maxFrameLength() || shown < 0 || shown > limit) {
            throw new IllegalArgumentException("need 0 <= shown <= limit <= maxFrameLength ("
                    + header.maxFrameLength() + "), got shown " + shown + ", limit " + limit);
        }
        skipLimit = limit;
        skipShown = shown;
        return this;
    }

    /**
     * {@inheritDoc}
     *
     * <p>While it runs, {@code in} is big-endian; its own order is restored when it returns.
     */
    @Override
    public final void decode(ByteBuffer in, FrameSink<? super F> sink) {
        poison.check();
        // Headers and frames are read with ByteBuffer's own multi-byte accessors, which follow the
        // buffer's order, and the input is in whatever order the caller left it. Setting it once
        // here rather than around each frame: the held bytes are big-endian already.
        final ByteOrder order = in.order();
        in.order(ByteOrder.BIG_ENDIAN);
        try {
            while (in.hasRemaining() && sink.isReceiving()) {
                if (toSkip > 0) {
                    final int dropped = (int) Math.min(toSkip, in.remaining());
                    in.position(in.position() + dropped);
                    toSkip -= dropped;
                    continue;
                }
                if (frameLength < 0 && !readHeader(in)) {
                    return;
                }
                if (!partial.gather(in, frameLength)) {
                    return;
                }
                final int frameKind = kind;
                frameLength = -1;
                if (skippedLength >= 0) {
                    showSkipped(in, sink);
                } else {
                    sink.onFrameOfKind(frameKind, readGathered(in, sink));
                }
            }
        } finally {
            in.order(order);
        }
    }

    /**
     * Shows the sink the gathered start of a frame to skip, and sets what is left of it to be
     * dropped, first: a sink that stops receiving leaves the framer consistent.
     */
    private void showSkipped(ByteBuffer in, FrameSink<? super F> sink) {
        final long length = skippedLength;
        skippedLength = -1;
        final int frameEnd = partial.inPlaceEnd();
        final ByteBuffer start;
        if (frameEnd < 0) {
            start = partial.takeGathered();
        } else {
            start = in.slice(in.position(), frameEnd - in.position());
            in.position(frameEnd);
        }
        toSkip = length - start.remaining();
        sink.onSkippedFrame(kind, start.asReadOnlyBuffer(),
                new FrameTooLongException(header.name() + " frame", length, skipLimit));
    }

    /** Reads header bytes; true once the header is complete and accepted. */
    private boolean readHeader(ByteBuffer in) {
        try {
            if (partial.size() == 0 && headerInPlace(in)) {
                acceptHeader(in, in.position());
                return true;
            }
            if (!holdHeader(in)) {
                return false;
            }
            acceptHeader(partial.held(), 0);
            return true;
        } catch (FramingException e) {
            throw poison.set(e);
        }
    }

    /**
     * Whether {@code in} has the whole header. A varint length is checked as far as {@code in}
     * goes, so that {@link #holdHeader} need not check those bytes again.
     */
    private boolean headerInPlace(ByteBuffer in) {
        if (in.remaining() < header.fixedEnd()) {
            return false;
        }
        if (!header.hasVarintLength()) {
            return true;
        }
        for (int i = in.position() + header.lengthOffset(); i < in.limit(); i++) {
            if (addVarintByte(in.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Holds header bytes, only as many as it needs: the fixed part, then a varint length a byte at a
     * time. True once the header is complete.
     */
    private boolean holdHeader(ByteBuffer in) {
        // The fixed part, and any varint bytes headerInPlace already checked.
        final int checked = header.fixedEnd() + varintBytes;
        if (partial.size() < checked) {
            partial.append(in, Math.min(checked - partial.size(), in.remaining()), longestHeader);
            if (partial.size() < checked) {
                return false;
            }
        }
        if (!header.hasVarintLength()) {
            return true;
        }
        do {
            if (!in.hasRemaining()) {
                return false;
            }
            partial.append(in, 1, longestHeader);
        } while (!addVarintByte(partial.last()));
        return true;
    }

    /** Adds the varint length's next byte; true if it was the last. */
    private boolean addVarintByte(byte octet) {
        varintValue = header.addLengthByte(varintValue, varintBytes, octet);
        varintBytes++;
        return octet >= 0;
    }

    /** Checks the complete header, which {@code src} holds from index {@code base} on. */
    private void acceptHeader(ByteBuffer src, int base) {
        header.checkMagic(src, base);
        final long lengthValue;
        final int lengthEnd;
        if (header.hasVarintLength()) {
            lengthValue = varintValue;
            lengthEnd = header.lengthOffset() + varintBytes;
            varintValue = 0;
            varintBytes = 0;
        } else {
            lengthValue = lengthAt(src, base);
            lengthEnd = header.lengthOffset() + header.lengthWidth();
        }
        final long declared = header.declaredLength(lengthValue, lengthEnd);
        // A declared length at or past 2^63 is negative here: never skipped, always too long.
        final boolean skip = skipLimit >= 0 && declared > skipLimit;
        final int length = skip ? 0 : header.withinLimit(declared);
        final long rawTag = rawTagAt(src, base);
        final long frameTag = header.tagOf(rawTag);
        final int frameKind = kindOf(frameTag);
        if (frameKind < 0) {
            throw header.corrupt("unknown tag 0x" + Long.toHexString(frameTag));
        }
        kind = frameKind;
        tag = frameTag;
        tagFlags = header.tagFlagsOf(rawTag);
        lengthFieldEnd = lengthEnd;
        headerEnd = header.headerEnd(lengthEnd);
        frameLength = skip ? Math.max(skipShown, headerEnd) : length;
        skippedLength = skip ? declared : -1;
    }

    /**
     * The gathered frame, read from {@code in} itself when it is there whole (narrowed to it, and
     * moved past it whatever happens), otherwise from the held bytes: {@link PartialFrame#deliver}
     * for a frame that is read rather than handed on. Reading through a callback instead, the JIT
     * did not inline it, which cost a fifth of a generated framer's throughput
     * (GeneratedFramerBenchmark).
     */
    private F readGathered(ByteBuffer in, FrameSink<? super F> sink) {
        final int frameEnd = partial.inPlaceEnd();
        if (frameEnd < 0) {
            return readWhole(partial.takeGathered(), sink);
        }
        final int limit = in.limit();
        in.limit(frameEnd);
        try {
            return readWhole(in, sink);
        } finally {
            in.limit(limit).position(frameEnd);
        }
    }

    /**
     * {@link #read}, with the checks that the frame and its layout agree. A frame that fails them
     * is shown to the sink ({@link FrameSink#onRejectedFrame}) before the error is thrown.
     */
    private F readWhole(ByteBuffer frame, FrameSink<? super F> sink) {
        final int start = frame.position();
        final int end = frame.limit();
        FramingException rejected;
        try {
            final F decoded = read(kind, frame);
            if (frame.position() == end) {
                return decoded;
            }
            final int left = end - frame.position();
            rejected = header.corrupt(left + (left == 1 ? " byte" : " bytes")
                    + " after the last component of a frame with tag 0x" + Long.toHexString(tag));
        } catch (BufferUnderflowException e) {
            rejected = header.corrupt("a frame of " + (end - start) + " bytes with tag 0x"
                    + Long.toHexString(tag) + " ends inside its layout");
        } catch (FramingException e) {
            rejected = e;
        } finally {
            // read() narrows the limit to a nested length while it reads inside it, and does not
            // widen it again when what is inside throws; a hand-written one may change the order,
            // which the next header, in the same buffer, is read in.
            frame.order(ByteOrder.BIG_ENDIAN).limit(end);
        }
        poison.set(rejected);
        sink.onRejectedFrame(kind, frame.slice(start, end - start).asReadOnlyBuffer(), rejected);
        throw rejected;
    }

    /** Bytes held for the frame that has started: its header's, then its own; 0 between frames. */
    @Override
    public final int bufferedBytes() {
        return partial.size();
    }

    /** Also while the rest of a skipped frame, none of it held, is still to come. */
    @Override
    public final boolean isInsideFrame() {
        return partial.size() > 0 || toSkip > 0;
    }

    @Override
    public final boolean hasFailed() {
        return poison.hasFailed();
    }

    /** Bytes of a skipped frame still to come, to be dropped; 0 when no frame is being skipped. */
    public final long bytesToSkip() {
        return toSkip;
    }

    /**
     * True until the current frame's header is complete (so true between frames, and while the
     * rest of a skipped frame is dropped: see {@link #bytesToSkip()}).
     */
    public final boolean isReadingHeader() {
        return frameLength < 0;
    }

    /**
     * Header bytes of the current frame held: those that have arrived while the header is
     * incomplete, its whole length once it is complete (a frame is held from its first byte).
     */
    public final int headerBytesHeld() {
        return frameLength < 0 ? partial.size() : headerEnd;
    }

    /** The current frame's length, header included; -1 while its header is incomplete. */
    public final int expectedFrameLength() {
        return frameLength;
    }

    /** The current frame's tag; -1 while its header is incomplete (0 for a protocol without one). */
    public final long currentTag() {
        return frameLength < 0 ? -1 : tag;
    }

    public final FrameHeader header() {
        return header;
    }
}
