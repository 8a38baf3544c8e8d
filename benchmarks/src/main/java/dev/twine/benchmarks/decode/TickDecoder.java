package dev.twine.benchmarks.decode;

import dev.twine.framing.FrameSink;
import java.nio.ByteBuffer;

/**
 * A contestant of the small-frame comparisons: a decoder of the {@link TickStream}, fed one read at a
 * time, taking it the way its framework takes bytes from a socket, and handing each decoded
 * {@link Ticks} record to the sink it was made with.
 */
interface TickDecoder {

    /**
     * Decodes what {@code read} adds to the stream. {@code read} is valid only during the call, as a
     * socket's bytes are only in the kernel until they are read.
     */
    void read(ByteBuffer read);

    /** The contestant called {@code name}: {@code twine}, {@code netty-direct} or {@code netty-embedded}. */
    static TickDecoder named(String name, FrameSink<? super Ticks> sink) {
        return switch (name) {
            case "twine" -> new TwineTickDecoder(sink);
            case "netty-direct" -> new NettyDirectTickDecoder(sink);
            case "netty-embedded" -> new NettyEmbeddedTickDecoder(sink);
            default -> throw new IllegalArgumentException("no decoder is called " + name);
        };
    }
}
