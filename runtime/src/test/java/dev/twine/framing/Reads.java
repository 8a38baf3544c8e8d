package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One way to cut an input into reads, for tests that replay the same input every way (Twisted's
 * {@code test_basic} style): every fixed size from 1 (byte by byte) to 16, all in one read, and
 * seeded random sizes including empty reads.
 *
 * <p>Each read is a buffer whose position is not zero and whose limit is not its capacity, with
 * delimiter-like garbage on both sides, so a framer that reads outside position..limit fails.
 * Random chunkings with an odd seed use direct buffers.
 */
record Reads(String name, IntUnaryOperator nextSize, boolean direct) {

    private static final byte[] GARBAGE = Bytes.text("\r\n:,9");

    static Stream<Reads> all() {
        Stream<Reads> fixed = IntStream.rangeClosed(1, 16)
                .mapToObj(size -> new Reads("chunks of " + size, remaining -> size, false));
        Stream<Reads> whole = Stream.of(new Reads("one read", remaining -> remaining, false));
        Stream<Reads> random = IntStream.rangeClosed(1, 12).mapToObj(seed -> {
            Random sizes = new Random(seed);
            return new Reads("random, seed " + seed, remaining -> sizes.nextInt(41), seed % 2 == 1);
        });
        return Stream.of(fixed, whole, random).flatMap(s -> s);
    }

    /** Cuts {@code input} into reads. */
    List<ByteBuffer> cut(byte[] input) {
        List<ByteBuffer> reads = new ArrayList<>();
        int offset = 0;
        while (offset < input.length) {
            int size = Math.min(nextSize.applyAsInt(input.length - offset), input.length - offset);
            reads.add(read(input, offset, size));
            offset += size;
        }
        return reads;
    }

    private ByteBuffer read(byte[] input, int offset, int size) {
        int capacity = GARBAGE.length + size + GARBAGE.length;
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        buffer.put(GARBAGE).put(input, offset, size).put(GARBAGE);
        return buffer.position(GARBAGE.length).limit(GARBAGE.length + size);
    }

    /** Feeds every read of {@code input} to {@code framer}, checking each is consumed entirely. */
    void feed(byte[] input, Framer<ByteBuffer> framer, FrameSink<ByteBuffer> sink) {
        for (ByteBuffer read : cut(input)) {
            int limit = read.limit();
            framer.decode(read, sink);
            assertEquals(limit, read.position(), "every byte of the read is consumed");
            assertEquals(limit, read.limit(), "the read's limit is restored");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
