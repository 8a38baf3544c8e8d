package dev.twine.framing;

import java.nio.ByteBuffer;

/**
 * A {@link LineDelimited} driven by what it reads, as memcached's text protocol drives it: a line
 * {@code raw N} makes the next {@code N} bytes a raw block, through {@link LineDelimited#readRaw}
 * from inside {@code onFrame}. So a peer, not the test, decides when the framer switches mode, and
 * how long a block it asks for — up to 2<sup>31</sup>-1, whatever the limit.
 */
final class RawSwitching implements Framer<ByteBuffer> {

    private static final int MAX_DIGITS = 10;

    final LineDelimited lines;
    /** The sink of the current {@code decode}, which {@link #announcing} passes every frame on to. */
    private FrameSink<? super ByteBuffer> sink;
    /** Whether the next frame is the raw block a line asked for. */
    private boolean rawNext;

    /** Made once, not per read: a hostile-input row counts what is allocated per byte. */
    private final FrameSink<ByteBuffer> announcing = new FrameSink<>() {
        @Override
        public void onFrame(ByteBuffer frame) {
            boolean line = !rawNext;
            rawNext = false;
            long announced = line ? announcedLength(frame) : -1;
            sink.onFrame(frame);
            if (announced >= 0) {
                rawNext = true;
                lines.readRaw((int) Math.min(announced, Integer.MAX_VALUE));
            }
        }

        @Override
        public boolean isReceiving() {
            return sink.isReceiving();
        }
    };

    RawSwitching(LineDelimited lines) {
        this.lines = lines;
    }

    @Override
    public void decode(ByteBuffer in, FrameSink<? super ByteBuffer> sink) {
        this.sink = sink;
        lines.decode(in, announcing);
    }

    /** The {@code N} of a line {@code raw N} of 1 to {@value #MAX_DIGITS} digits; -1 for any other line. */
    private static long announcedLength(ByteBuffer line) {
        int at = line.position();
        int digits = line.limit() - at - 4;
        if (digits < 1 || digits > MAX_DIGITS || line.get(at) != 'r' || line.get(at + 1) != 'a'
                || line.get(at + 2) != 'w' || line.get(at + 3) != ' ') {
            return -1;
        }
        long length = 0;
        for (int i = at + 4; i < line.limit(); i++) {
            byte b = line.get(i);
            if (b < '0' || b > '9') {
                return -1;
            }
            length = length * 10 + (b - '0');
        }
        return length;
    }

    @Override
    public int bufferedBytes() {
        return lines.bufferedBytes();
    }

    @Override
    public boolean isInsideFrame() {
        return lines.isInsideFrame();
    }

    @Override
    public boolean hasFailed() {
        return lines.hasFailed();
    }
}
