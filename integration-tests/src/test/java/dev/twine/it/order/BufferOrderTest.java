package dev.twine.it.order;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.it.seedlike.SeedLike;
import dev.twine.it.seedlike.SeedLikeEncoder;
import dev.twine.it.seedlike.SeedLikeFramer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code ByteBuffer}'s own byte order belongs to whoever made it: generated code reads and writes
 * the protocol's order whatever the buffer says, and leaves the buffer's order as it found it.
 */
class BufferOrderTest {

    /** Total(258), big-endian as the protocol says: length 12, tag 1, then the long. */
    private static final byte[] TOTAL = {0, 0, 0, 12, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2};

    @Test
    void aLittleEndianInputBufferDecodesTheSame() {
        ByteBuffer in = ByteBuffer.wrap(TOTAL).order(ByteOrder.LITTLE_ENDIAN);
        List<SeedLike> frames = new ArrayList<>();

        new SeedLikeFramer().decode(in, frames::add);

        assertEquals(List.of(new SeedLike.Total(258)), frames);
        assertEquals(ByteOrder.LITTLE_ENDIAN, in.order(), "the caller's order is restored");
    }

    @Test
    void aLittleEndianOutputBufferEncodesTheSame() {
        ByteBuffer out = ByteBuffer.allocate(TOTAL.length).order(ByteOrder.LITTLE_ENDIAN);

        new SeedLikeEncoder().encode(new SeedLike.Total(258), out);

        assertArrayEquals(TOTAL, out.array());
        assertEquals(ByteOrder.LITTLE_ENDIAN, out.order(), "the caller's order is restored");
    }
}
