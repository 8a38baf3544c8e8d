package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation policy every framer shares. */
class PartialFrameTest {

    private final PartialFrame partial = new PartialFrame();
    private final Recorder frames = new Recorder();

    @Test
    void aFrameAnnouncedHugeButTricklingInGrowsWithTheBytesThatArrive() {
        int announced = 1 << 20;

        for (int arrived = 10; arrived <= 10_000; arrived += 10) {
            assertFalse(partial.gather(ByteBuffer.allocate(10), announced));
            assertEquals(arrived, partial.size());
            assertTrue(partial.capacity() <= Math.max(64, 2 * arrived),
                    "capacity " + partial.capacity() + " for " + arrived + " bytes");
        }
    }

    @Test
    void growthStopsAtTheFramesLength() {
        partial.gather(ByteBuffer.allocate(60), 100);
        partial.gather(ByteBuffer.allocate(10), 100);

        assertEquals(100, partial.capacity());
    }

    @Test
    void theArrayOfALargeFrameIsKeptForTheNextLargeOne() {
        int length = 70_000;
        holdAndDeliver(length);
        int capacity = partial.capacity();
        assertTrue(capacity > PartialFrame.RETAINED_CAPACITY);
        assertEquals(0, partial.size());

        holdAndDeliver(length / 4);

        assertEquals(capacity, partial.capacity(), "a quarter of the array is still worth keeping it");
        assertEquals(List.of(length, length / 4), frames.frames.stream().map(String::length).toList());
    }

    @Test
    void aHeldFrameUnderAQuarterOfALargeArrayDropsIt() {
        holdAndDeliver(70_000);

        holdAndDeliver(70_000 / 4 - 1);

        assertEquals(0, partial.capacity());
        assertEquals(0, partial.size());
    }

    @Test
    void aSmallFrameFoundWholeInTheInputDropsALargeArray() {
        holdAndDeliver(70_000);
        ByteBuffer in = Bytes.buffer("hello");

        assertTrue(partial.gather(in, 5));
        partial.deliver(in, 0, frames);

        assertEquals(0, partial.capacity());
        assertEquals("hello", frames.frames.get(1));
    }

    @Test
    void anArrayOfAtMost64KibIsKeptWhateverFollows() {
        holdAndDeliver(PartialFrame.RETAINED_CAPACITY);
        int capacity = partial.capacity();

        holdAndDeliver(2);

        assertEquals(capacity, partial.capacity());
    }

    /** Gathers a frame of {@code length} bytes that arrives in two parts, then delivers it. */
    private void holdAndDeliver(int length) {
        partial.gather(ByteBuffer.allocate(1), length);
        assertTrue(partial.gather(ByteBuffer.allocate(length - 1), length));
        partial.deliver(ByteBuffer.allocate(0), 0, frames);
    }

    @Test
    void theArrayOfASmallFrameIsKept() {
        partial.gather(Bytes.buffer("he"), 5);
        partial.gather(Bytes.buffer("llo"), 5);
        int capacity = partial.capacity();

        partial.deliver(ByteBuffer.allocate(0), 0, frames);

        assertEquals(List.of("hello"), frames.frames);
        assertEquals(capacity, partial.capacity());
    }

    @Test
    void aWholeFrameIsNotCopied() {
        ByteBuffer in = Bytes.buffer("hello, world");
        ByteBuffer[] handed = new ByteBuffer[1];

        assertTrue(partial.gather(in, 5));
        partial.deliver(in, 0, frame -> handed[0] = frame);

        assertEquals(0, partial.capacity());
        assertEquals(in, handed[0]);
        assertEquals(5, in.position());
    }

    @Test
    void aHeldFrameIsADifferentBufferFromTheInput() {
        ByteBuffer first = Bytes.buffer("ab");
        partial.gather(first, 4);
        ByteBuffer second = Bytes.buffer("cd");
        partial.gather(second, 4);
        ByteBuffer[] handed = new ByteBuffer[1];

        partial.deliver(second, 0, frame -> handed[0] = frame);

        assertNotSame(second, handed[0]);
        assertEquals(2, second.position());
    }
}
