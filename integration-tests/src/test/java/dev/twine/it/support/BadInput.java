package dev.twine.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.framing.FrameEncoder;
import dev.twine.framing.Framer;
import dev.twine.framing.FramingException;
import dev.twine.framing.TruncatedFrameException;
import dev.twine.runtime.CloseReason;
import dev.twine.testing.Chunking;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/** What a generated framer must do with input that breaks its format or a limit. */
public final class BadInput {

    private BadInput() {}

    /**
     * Checks that {@code bytes} make a fresh framer throw {@code error}, with {@code reason} in its
     * message, whether they arrive whole or byte by byte, and leave it poisoned.
     *
     * @return the error thrown for the whole input, for checks of its own
     */
    public static <E extends FramingException> E rejects(Supplier<? extends Framer<?>> framers, byte[] bytes,
            Class<E> error, String reason) {
        rejectsIn(framers.get(), bytes, Chunking.bytewise(), error, reason);
        return rejectsIn(framers.get(), bytes, Chunking.whole(), error, reason);
    }

    private static <F, E extends FramingException> E rejectsIn(Framer<F> framer, byte[] bytes, Chunking chunking,
            Class<E> error, String reason) {
        E thrown = assertThrows(error, () -> Decoding.of(framer, bytes, chunking));
        assertTrue(thrown.getMessage().contains(reason), () -> "the message names the reason: " + thrown.getMessage());
        assertTrue(framer.hasFailed(), "the framer knows it failed");
        assertThrows(IllegalStateException.class, () -> framer.decode(ByteBuffer.allocate(1), frame -> {}),
                "a poisoned framer refuses more input");
        return thrown;
    }

    /**
     * Checks that, served by a connection table, {@code bad} (sent after a good frame) closes its
     * connection with {@code error} as the reason, while another connection goes on echoing
     * {@code good}.
     */
    public static <F> void closesOnlyItsConnection(Supplier<? extends Framer<F>> framers, FrameEncoder<F> encoder,
            byte[] good, byte[] bad, Class<? extends FramingException> error) {
        EchoServer<F> server = new EchoServer<>(framers, encoder);
        Peer bystander = server.connect(good, Chunking.whole());
        Peer offender = server.connect(Hex.concat(good, bad), Chunking.fixed(3));

        CloseReason reason = server.closeReasonOf(offender);
        assertNotNull(reason, "the offender's connection is closed");
        assertEquals(CloseReason.Kind.FAILED, reason.kind());
        assertInstanceOf(error, reason.cause());
        assertUnaffected(server, bystander, good);
    }

    /**
     * Checks that a connection whose peer closes after {@code partial}, the start of a frame, ends
     * as {@link CloseReason.Kind#PEER_CLOSED} with a {@link TruncatedFrameException} counting those
     * bytes, while another connection goes on echoing {@code good}.
     */
    public static <F> void truncatedAtEndOfStream(Supplier<? extends Framer<F>> framers, FrameEncoder<F> encoder,
            byte[] good, byte[] partial) {
        EchoServer<F> server = new EchoServer<>(framers, encoder);
        Peer bystander = server.connect(good, Chunking.whole());
        Peer offender = server.connect(Hex.concat(good, partial), Chunking.bytewise());
        offender.close();

        CloseReason reason = server.closeReasonOf(offender);
        assertNotNull(reason, "the offender's connection is closed");
        assertEquals(CloseReason.Kind.PEER_CLOSED, reason.kind());
        TruncatedFrameException truncated = assertInstanceOf(TruncatedFrameException.class, reason.cause());
        assertEquals(partial.length, truncated.bufferedBytes(), "bytes of the unfinished frame");
        assertUnaffected(server, bystander, good);
    }

    /** The bystander's connection is the only one left, and still echoes. */
    private static void assertUnaffected(EchoServer<?> server, Peer bystander, byte[] good) {
        assertNull(server.closeReasonOf(bystander), "the bystander's connection is open");
        assertEquals(1, server.connections(), "connections left");
        assertArrayEquals(good, bystander.takeReceived(), "echoed before");
        bystander.send(good);
        assertArrayEquals(good, bystander.takeReceived(), "echoed after");
    }
}
