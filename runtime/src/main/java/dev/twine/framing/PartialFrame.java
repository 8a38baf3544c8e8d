package dev.twine.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How every framer in this package reads a frame once it knows how many bytes the frame spans: a
 * frame found whole in the input is delivered as a window of the input, with no copy and no
 * allocation; otherwise only the bytes that have arrived are copied here, and the frame is
 * delivered from here when its last byte arrives.
 *
 * <p>The holding array grows geometrically with the bytes that actually arrive, never to a declared
 * length up front. It is kept for the next frame, so a stream of large frames grows it once, not
 * once per frame. An array bigger than {@value #RETAINED_CAPACITY} bytes is dropped as soon as a
 * frame of less than a quarter of its size completes, so one huge frame does not pin its memory
 * while the connection goes on with small ones. A connection that goes quiet after a large frame
 * keeps that frame's array: no more than a frame of that size in flight would hold, and never
 * more than the framer's limit.
 *
 * <p>Use: {@link #gather} the frame's bytes; if it answers true, update the framer's own state,
 * then {@link #deliver} (or {@link #read}) — so the framer is consistent when the sink calls back
 * into it.
 */
final class PartialFrame {

    /**
     * The longest frame a framer accepts: about the largest array a JVM allocates, less room for a
     * frame's delimiter, so that no sum of a limit and a delimiter overflows an {@code int}.
     */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 16;

    /** The largest holding array kept whatever the size of the frames that follow. */
    static final int RETAINED_CAPACITY = 64 * 1024;

    private static final int MIN_CAPACITY = 64;
    private static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE;
    /** Wraps {@link #bytes}; null while that is empty. Reused for every frame held in it. */
    private ByteBuffer view;
    /** Held bytes are {@code bytes[0, end)}. */
    private int end;
    /** Length of the frame the last successful {@link #gather} completed. */
    private int gathered;
    /** Where that frame ends in the input when it is to be delivered in place; -1 when held. */
    private int inPlaceEnd = -1;

    /** Bytes held. */
    int size() {
        return end;
    }

    /** The last byte held; only when {@link #size()} is positive. */
    byte last() {
        return bytes[end - 1];
    }

    /**
     * The held bytes, for absolute reads from index 0 (a framer parsing a header it holds); only
     * when {@link #size()} is positive.
     */
    ByteBuffer held() {
        return view.clear().limit(end);
    }

    /** Length of the holding array, for tests of the allocation policy. */
    int capacity() {
        return bytes.length;
    }

    /**
     * Holds {@code count} bytes from {@code in}'s position, advancing it.
     *
     * @param maxSize the most bytes the current frame can ever need held; the array does not grow
     *     past it
     */
    void append(ByteBuffer in, int count, int maxSize) {
        int needed = end + count;
        if (needed > bytes.length) {
            long doubled = Math.max(MIN_CAPACITY, 2L * bytes.length);
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(doubled, maxSize)));
            view = ByteBuffer.wrap(bytes);
        }
        in.get(bytes, end, count);
        end = needed;
    }

    /**
     * Collects the next {@code length} bytes of the stream — the held ones first, then {@code in}'s.
     * Answers true when all of them are here; then {@link #deliver} hands them over. Otherwise it
     * holds every byte {@code in} had and answers false.
     *
     * <p>When nothing is held and {@code in} has the whole frame, nothing is copied and {@code in}
     * is left untouched until {@code deliver}.
     */
    boolean gather(ByteBuffer in, int length) {
        int held = size();
        if (held == 0 && in.remaining() >= length) {
            inPlaceEnd = in.position() + length;
            dropIfOversizedFor(length);
        } else {
            if (held < length) {
                append(in, Math.min(length - held, in.remaining()), length);
                if (size() < length) {
                    return false;
                }
            }
            inPlaceEnd = -1;
        }
        gathered = length;
        return true;
    }

    /** The last byte of the gathered frame, for a framer that checks a terminator before delivering. */
    byte lastGathered(ByteBuffer in) {
        return inPlaceEnd >= 0 ? in.get(inPlaceEnd - 1) : bytes[gathered - 1];
    }

    /**
     * Hands the gathered frame, less its last {@code trailerLength} bytes (a delimiter), to
     * {@code sink}, and consumes all of it. A frame in place is {@code in} itself, its position and
     * limit narrowed to the frame; afterwards {@code in}'s limit is restored and its position set
     * just past the frame, whatever the sink did to them or threw.
     */
    void deliver(ByteBuffer in, int trailerLength, FrameSink<? super ByteBuffer> sink) {
        final int frameLength = gathered - trailerLength;
        if (inPlaceEnd < 0) {
            sink.onFrame(take(frameLength));
            return;
        }
        final int frameEnd = inPlaceEnd;
        final int limit = in.limit();
        in.limit(frameEnd - trailerLength);
        try {
            sink.onFrame(in);
        } finally {
            in.limit(limit).position(frameEnd);
        }
    }

    /** Where the gathered frame ends in the input, when it is there whole; -1 when it is held. */
    int inPlaceEnd() {
        return inPlaceEnd;
    }

    /** The gathered frame, held: a view of the held bytes, which are forgotten. */
    ByteBuffer takeGathered() {
        return take(gathered);
    }

    /**
     * A view of the first {@code frameLength} held bytes; forgets every held byte, which are
     * exactly the {@link #gathered} ones: a frame never starts inside what an earlier one left held.
     */
    private ByteBuffer take(int frameLength) {
        ByteBuffer frame = view.clear().limit(frameLength);
        end = 0;
        // The frame keeps a dropped array alive only while the sink has it.
        dropIfOversizedFor(gathered);
        return frame;
    }

    /**
     * Drops the holding array when it is over {@link #RETAINED_CAPACITY} and a frame of
     * {@code length} bytes used less than a quarter of it; only while nothing is held.
     */
    private void dropIfOversizedFor(int length) {
        if (bytes.length > RETAINED_CAPACITY && length < bytes.length / 4) {
            bytes = NONE;
            view = null;
        }
    }
}
