package dev.twine.benchmarks.decode;

import dev.twine.framing.FrameSink;
import java.nio.ByteBuffer;

/**
 * Twine: the generated {@link TicksFramer}, fed as the reactor feeds a connection's framer — each
 * read lands in one direct read buffer that is reused for every read (the reactor's is 64 KiB), and
 * the framer borrows it for the call, holding only the tail of a frame the read cut.
 */
final class TwineTickDecoder implements TickDecoder {

    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final TicksFramer framer = new TicksFramer();
    private final FrameSink<? super Ticks> sink;

    TwineTickDecoder(FrameSink<? super Ticks> sink) {
        this.sink = sink;
    }

    @Override
    public void read(ByteBuffer read) {
        readBuffer.clear();
        readBuffer.put(read).flip();
        framer.decode(readBuffer, sink);
    }
}
