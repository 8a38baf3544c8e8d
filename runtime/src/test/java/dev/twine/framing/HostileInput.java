package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twine.testing.Chunking;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One row of a hostile-input table: a framer, what a peer sends it, and what the framer must make
 * of that — a typed error within a bounded number of bytes, or the frames it holds and what it is
 * still waiting for — while it never holds more than a bound, nor more than has arrived, and
 * allocates next to nothing. {@link #check()} replays the row whole, byte by byte, and cut at
 * fixed and seeded random points, each on a fresh framer.
 *
 * <pre>{@code
 * HostileInput.of("a 0xFFFFFFFF length, no body", () -> LengthPrefixed.int32(1024), Bytes.of(0xff, 0xff, 0xff, 0xff))
 *         .rejects(FrameTooLongException.class).holdingAtMost(3)
 * }</pre>
 *
 * An endless stream — a peer that never stops sending — is a prefix and then a filler repeated
 * without end; the row is fed {@value #ENDLESS_BYTES} bytes of it and must fail before the byte it
 * names.
 *
 * @param <F> the framer's frame type
 */
public final class HostileInput<F> {

    /** How much of an endless stream a row is fed: far past any bound a row gives. */
    static final int ENDLESS_BYTES = 1 << 20;

    /**
     * What a row may allocate while it is decoded, besides the array that holds what it may hold,
     * after a first run has loaded its classes: an exception with its stack trace and the few frames
     * a row delivers, but not a buffer sized from a hostile length, nor anything per byte.
     */
    static final long ALLOCATION_BUDGET = 64 * 1024;

    /**
     * A holding array grows geometrically, to at most twice what it holds, so the arrays it has had
     * add up to at most four times {@link #holdingAtMost the most it may hold}.
     */
    private static final int ALLOCATED_PER_HELD_BYTE = 4;

    /** A way to cut the stream; made afresh for each run, so that random cuts replay exactly. */
    private record Cutting(String name, Supplier<Chunking> chunking) {}

    private static final List<Cutting> CUTTINGS = List.of(
            new Cutting("whole", Chunking::whole),
            new Cutting("byte by byte", Chunking::bytewise),
            new Cutting("chunks of 2", () -> Chunking.fixed(2)),
            new Cutting("chunks of 3", () -> Chunking.fixed(3)),
            new Cutting("chunks of 7", () -> Chunking.fixed(7)),
            new Cutting("random reads up to 17, seed 1", () -> Chunking.random(1, 17)),
            new Cutting("random reads up to 64, seed 2", () -> Chunking.random(2, 64)));

    private final String name;
    private final Supplier<? extends Framer<F>> framers;
    private final byte[] stream;
    private final boolean endless;
    private Function<? super F, String> describe = String::valueOf;
    private List<String> frames = List.of();
    private Class<? extends FramingException> error;
    private long errorWithin;
    private int heldAtEnd;
    private int maxHeld = -1;

    private HostileInput(String name, Supplier<? extends Framer<F>> framers, byte[] stream, boolean endless) {
        this.name = Objects.requireNonNull(name, "name");
        this.framers = Objects.requireNonNull(framers, "framers");
        this.stream = stream;
        this.endless = endless;
    }

    /** A row whose peer sends {@code input} and stops. */
    public static <F> HostileInput<F> of(String name, Supplier<? extends Framer<F>> framers, byte[] input) {
        return new HostileInput<>(name, framers, input.clone(), false);
    }

    /** A row whose peer sends {@code prefix}, then {@code filler} again and again, for ever. */
    public static <F> HostileInput<F> endless(String name, Supplier<? extends Framer<F>> framers, byte[] prefix,
            byte[] filler) {
        if (filler.length == 0) {
            throw new IllegalArgumentException("an endless stream needs a filler");
        }
        byte[] stream = Arrays.copyOf(prefix, ENDLESS_BYTES);
        for (int i = prefix.length; i < stream.length; i++) {
            stream[i] = filler[(i - prefix.length) % filler.length];
        }
        return new HostileInput<>(name, framers, stream, true);
    }

    /** How the row's frames are written in {@link #delivers}; {@code toString} by default. */
    public HostileInput<F> describedAs(Function<? super F, String> describe) {
        this.describe = Objects.requireNonNull(describe, "describe");
        return this;
    }

    /** The frames the framer delivers before it fails or runs out of input, in order. */
    public HostileInput<F> delivers(String... frames) {
        this.frames = List.of(frames);
        return this;
    }

    /** The framer fails with {@code error} by the end of the input. */
    public HostileInput<F> rejects(Class<? extends FramingException> error) {
        return rejectsWithin(error, stream.length);
    }

    /**
     * The framer fails with {@code error} before it has been given more than {@code bytes} bytes:
     * it decides from a bounded prefix, not from whatever the peer sends after it.
     */
    public HostileInput<F> rejectsWithin(Class<? extends FramingException> error, long bytes) {
        this.error = Objects.requireNonNull(error, "error");
        this.errorWithin = bytes;
        return this;
    }

    /** The framer does not fail: it delivers its frames and holds {@code held} bytes of the next. */
    public HostileInput<F> waitsHolding(int held) {
        if (endless) {
            throw new IllegalStateException(name + ": an endless stream must be rejected");
        }
        this.error = null;
        this.heldAtEnd = held;
        return this;
    }

    /**
     * The framer never holds more than {@code bytes} bytes, whatever it is given; every row says
     * so. It bounds what the row may allocate too.
     */
    public HostileInput<F> holdingAtMost(int bytes) {
        this.maxHeld = bytes;
        return this;
    }

    /**
     * Replays the row under every chunking, twice: the first time loads and compiles what the row
     * needs, the second counts what it allocates.
     */
    public void check() {
        if (error == null && endless) {
            throw new IllegalStateException(name + ": say what an endless stream is rejected with");
        }
        if (maxHeld < 0) {
            throw new IllegalStateException(name + ": say how much the framer may hold");
        }
        long budget = ALLOCATION_BUDGET + (long) ALLOCATED_PER_HELD_BYTE * maxHeld;
        for (Cutting cutting : CUTTINGS) {
            run(cutting.chunking().get(), cutting.name() + " (first run)");
        }
        for (Cutting cutting : CUTTINGS) {
            Chunking chunking = cutting.chunking().get();
            long allocated = Allocations.during(() -> run(chunking, cutting.name()));
            assertTrue(allocated < budget,
                    () -> name + ", " + cutting.name() + ": " + allocated + " bytes allocated");
        }
    }

    /** Feeds the stream to a fresh framer in reads cut by {@code chunking}, windows of one buffer. */
    private void run(Chunking chunking, String how) {
        String context = name + ", " + how;
        Framer<F> framer = framers.get();
        List<String> delivered = new ArrayList<>();
        FrameSink<F> sink = new FrameSink<>() {
            @Override
            public void onFrame(F frame) {
                delivered.add(describe.apply(frame));
            }
        };
        ByteBuffer in = ByteBuffer.wrap(stream);
        int fed = 0;
        FramingException thrown = null;
        while (fed < stream.length) {
            int size = chunking.next(stream.length - fed);
            in.limit(fed + size).position(fed);
            try {
                framer.decode(in, sink);
            } catch (FramingException e) {
                thrown = e;
                break;
            }
            // Checked without assertion lambdas: they would allocate on every read.
            if (in.position() != fed + size) {
                fail(context + ": a read left " + (fed + size - in.position()) + " bytes unconsumed");
            }
            fed += size;
            int held = framer.bufferedBytes();
            if (held > maxHeld || held > fed) {
                fail(context + ": holds " + held + " bytes after " + fed + " arrived; at most " + maxHeld);
            }
        }
        assertEquals(frames, delivered, context + ": frames");
        if (error == null) {
            assertNull(thrown, context + ": failed");
            assertEquals(heldAtEnd, framer.bufferedBytes(), context + ": bytes held at the end");
            return;
        }
        if (thrown == null) {
            fail(context + ": accepted all " + stream.length + " bytes, holding " + framer.bufferedBytes());
        }
        assertInstanceOf(error, thrown, context + ": " + thrown);
        assertTrue(framer.hasFailed(), context + ": the framer knows it failed");
        int before = fed;
        assertTrue(before < errorWithin, () -> context + ": failed only in the read after byte " + before
                + ", not within " + errorWithin + " bytes");
    }

    @Override
    public String toString() {
        return name;
    }
}
