package dev.twine.framing;

import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Splits a stream into frames that each start with their body's length: an unsigned integer of 1,
 * 2, 4 or 8 bytes in either byte order, counting the body only. {@link #int32(int)} is Twisted's
 * {@code Int32StringReceiver}; in Netty terms this is a {@code LengthFieldBasedFrameDecoder} with
 * the length field first and {@code initialBytesToStrip} equal to its width.
 *
 * <pre>
 * BEFORE DECODE (16 bytes)                             AFTER DECODE (2 frames)
 * +-------------+---------+-------------+-------+      +---------+   +-------+
 * | 00 00 00 05 | "HELLO" | 00 00 00 03 | "BYE" |-----&gt;| "HELLO" |   | "BYE" |
 * +-------------+---------+-------------+-------+      +---------+   +-------+
 * </pre>
 *
 * A zero length is an empty frame, delivered as soon as its header is complete.
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li><b>{@code maxFrameLength}</b> bounds the body. A header announcing more throws
 *       {@link FrameTooLongException} as soon as its last byte arrives — before any of the body,
 *       and before anything is allocated for it. Lengths on the wire are unsigned, so
 *       {@code FF FF FF FF} is four billion (too long), never -1; an 8-byte length with its top bit
 *       set is too long too, never negative.</li>
 *   <li>It may be at most {@value PartialFrame#MAX_LENGTH}. A limit above what the field can
 *       express (300 for a 1-byte field) is simply never reached.</li>
 *   <li>A body that arrives in pieces is held in an array that grows with the bytes that actually
 *       arrive, not to the announced length at once; after a frame over
 *       {@value PartialFrame#RETAINED_CAPACITY} bytes the array is dropped.</li>
 *   <li>The encoder, {@link #write}, does not apply {@code maxFrameLength}: that limit protects
 *       this side from its peer. It only refuses a body the length field cannot express.</li>
 * </ul>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * private final LengthPrefixed framer = LengthPrefixed.int32(64 * 1024);
 *
 * public void onBytes(ByteBuffer data) {
 *     framer.decode(data, body -> framer.write(transport, body)); // echo each frame back
 * }
 * }</pre>
 *
 * <p>Each frame is a view valid only during {@link FrameSink#onFrame}: the input itself, narrowed
 * to the body, when the whole frame arrived in one piece. Decoding keeps per-connection state, so
 * each connection needs its own instance; encoding keeps none, so one instance may encode for many
 * connections, on one thread ({@code write} reuses a scratch array for the header).
 */
public final class LengthPrefixed implements FrameCodec<ByteBuffer> {

    private final int lengthFieldBytes;
    private final ByteOrder order;
    private final int maxFrameLength;
    /** The largest body the length field can express. */
    private final long maxEncodable;
    private final byte[] headerScratch;
    private final PartialFrame body = new PartialFrame();
    private final Poison poison = new Poison("LengthPrefixed");

    /** Header bytes of the current frame read so far (its full width once the header is done). */
    private int headerBytes;
    /** The header's value so far, assembled byte by byte as they arrive. */
    private long header;
    /** The current frame's body length; -1 while the header is incomplete. */
    private int bodyLength = -1;

    /**
     * @param lengthFieldBytes the width of the length field: 1, 2, 4 or 8
     * @param order            the length field's byte order
     * @param maxFrameLength   the longest body accepted, from 0 to {@value PartialFrame#MAX_LENGTH}
     * @throws IllegalArgumentException if the width or limit is out of range
     */
    public LengthPrefixed(int lengthFieldBytes, ByteOrder order, int maxFrameLength) {
        if (lengthFieldBytes != 1 && lengthFieldBytes != 2 && lengthFieldBytes != 4
                && lengthFieldBytes != 8) {
            throw new IllegalArgumentException(
                    "lengthFieldBytes must be 1, 2, 4 or 8, got " + lengthFieldBytes);
        }
        if (maxFrameLength < 0 || maxFrameLength > PartialFrame.MAX_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be between 0 and "
                    + PartialFrame.MAX_LENGTH + ", got " + maxFrameLength);
        }
        this.lengthFieldBytes = lengthFieldBytes;
        this.order = Objects.requireNonNull(order, "order");
        this.maxFrameLength = maxFrameLength;
        this.maxEncodable = lengthFieldBytes == 8 ? Long.MAX_VALUE : (1L << (8 * lengthFieldBytes)) - 1;
        this.headerScratch = new byte[lengthFieldBytes];
    }

    /** A 4-byte big-endian length, as Twisted's {@code Int32StringReceiver} sends. */
    public static LengthPrefixed int32(int maxFrameLength) {
        return new LengthPrefixed(4, ByteOrder.BIG_ENDIAN, maxFrameLength);
    }

    @Override
    public void decode(ByteBuffer in, FrameSink<? super ByteBuffer> sink) {
        poison.check();
        while (in.hasRemaining() && sink.isReceiving()) {
            if (bodyLength < 0 && !readHeader(in)) {
                return;
            }
            if (!body.gather(in, bodyLength)) {
                return;
            }
            headerBytes = 0;
            header = 0;
            bodyLength = -1;
            body.deliver(in, 0, sink);
        }
    }

    /** Reads header bytes; true once the header is complete and its length accepted. */
    private boolean readHeader(ByteBuffer in) {
        while (headerBytes < lengthFieldBytes) {
            if (!in.hasRemaining()) {
                return false;
            }
            long b = in.get() & 0xFF;
            header = order == ByteOrder.BIG_ENDIAN ? header << 8 | b : header | b << (8 * headerBytes);
            headerBytes++;
        }
        if (Long.compareUnsigned(header, maxFrameLength) > 0) {
            throw poison.set(new FrameTooLongException("frame", header, maxFrameLength));
        }
        bodyLength = (int) header;
        return true;
    }

    /**
     * Writes {@code frame}'s remaining bytes, preceded by their length, and advances its position
     * to its limit.
     *
     * @throws IllegalArgumentException if the length field is too narrow for the body (over 255
     *     bytes for a 1-byte field, over 65535 for 2 bytes); nothing is written then
     */
    @Override
    public void write(Transport transport, ByteBuffer frame) {
        int length = frame.remaining();
        if (length > maxEncodable) {
            throw new IllegalArgumentException("a body of " + length + " bytes does not fit a "
                    + lengthFieldBytes + "-byte length field (at most " + maxEncodable + ")");
        }
        for (int i = 0; i < lengthFieldBytes; i++) {
            int shift = 8 * (order == ByteOrder.BIG_ENDIAN ? lengthFieldBytes - 1 - i : i);
            headerScratch[i] = (byte) ((long) length >>> shift);
        }
        transport.write(headerScratch, 0, lengthFieldBytes);
        transport.write(frame);
    }

    /** Header bytes plus body bytes held for the unfinished frame; 0 between frames. */
    @Override
    public boolean hasFailed() {
        return poison.hasFailed();
    }

    @Override
    public int bufferedBytes() {
        return headerBytes + body.size();
    }

    /**
     * Header bytes of the unfinished frame read so far: 0 to width - 1 while the header is
     * incomplete, the full width while the body is being read.
     */
    public int headerBytesHeld() {
        return headerBytes;
    }

    /** Body bytes held for the unfinished frame. */
    public int bodyBytesHeld() {
        return body.size();
    }

    /** The unfinished frame's body length, or -1 while its header is incomplete. */
    public int expectedBodyLength() {
        return bodyLength;
    }

    /** True until the current frame's header is complete (so true between frames). */
    public boolean isReadingHeader() {
        return bodyLength < 0;
    }

    public int lengthFieldBytes() {
        return lengthFieldBytes;
    }

    public ByteOrder order() {
        return order;
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }
}
