package dev.twine.examples.memcached;

import dev.twine.framing.FrameSink;
import dev.twine.framing.Framer;
import java.nio.ByteBuffer;

/**
 * The framer a connection starts with when the first byte says which protocol it speaks: it shows
 * its sink that byte, as a one-byte frame, and consumes nothing. The sink
 * {@linkplain dev.twine.server.Connection#switchFramer switches} to the framer of the protocol the
 * byte announces, and the connection table hands that framer the whole input, the byte included.
 *
 * <p>Unlike other framers it never moves past what it delivers: after {@code onFrame} the input's
 * position is back on the byte. So it delivers at most one frame per {@code decode}: a sink that
 * did not switch would otherwise be shown the same byte for ever.
 */
final class FirstBytePeek implements Framer<ByteBuffer> {

    @Override
    public void decode(ByteBuffer in, FrameSink<? super ByteBuffer> sink) {
        if (!in.hasRemaining() || !sink.isReceiving()) {
            return;
        }
        final int start = in.position();
        final int limit = in.limit();
        in.limit(start + 1);
        try {
            sink.onFrame(in);
        } finally {
            in.limit(limit).position(start);
        }
    }

    /** Never holds a byte: what it looks at stays in the input. */
    @Override
    public int bufferedBytes() {
        return 0;
    }

    /** Every byte is acceptable: it only looks. */
    @Override
    public boolean hasFailed() {
        return false;
    }
}
