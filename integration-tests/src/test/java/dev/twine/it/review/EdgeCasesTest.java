package dev.twine.it.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameTooLongException;
import dev.twine.it.review.Edges.Codes;
import dev.twine.it.review.Edges.E1;
import dev.twine.it.review.Edges.E2;
import dev.twine.it.review.Edges.E3;
import dev.twine.it.review.Edges.E4;
import dev.twine.it.review.Edges.Ints;
import dev.twine.it.review.Edges.Sized;
import dev.twine.it.review.Edges.Texts;
import dev.twine.it.review.Edges.Varints;
import dev.twine.it.support.BadInput;
import dev.twine.it.support.Decoding;
import dev.twine.it.support.Hex;
import dev.twine.runtime.Protocol;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.testing.Chunking;
import dev.twine.testing.RecordingTransport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Edge values of every encoding, from a review. Each frame is decoded both whole and a byte at a
 * time.
 */
class EdgeCasesTest {

    private final EdgesEncoder encoder = new EdgesEncoder();

    /** Encodes {@code frame}, decodes it whole and byte by byte, and returns the byte-wise result. */
    private Edges roundTrip(Edges frame) {
        byte[] bytes = encoder.toByteArray(frame);
        Edges whole = Decoding.single(new EdgesFramer(), bytes);
        List<Edges> pieces = Decoding.of(new EdgesFramer(), bytes, Chunking.bytewise()).frames();
        assertEquals(1, pieces.size());
        // Frames with arrays have no useful equals: compare what they encode to.
        assertArrayEquals(bytes, encoder.toByteArray(whole), "whole: " + Hex.of(bytes));
        assertArrayEquals(bytes, encoder.toByteArray(pieces.get(0)), "byte by byte: " + Hex.of(bytes));
        return pieces.get(0);
    }

    @Test
    void integersOfEveryWidthRoundTripAtTheirMinimumAndMaximum() {
        Ints min = new Ints(-(1 << 23), 0, -(1L << 39), 0, (short) 0, 0, 0, -(1L << 47),
                (byte) 0, (short) 0, 0, 0, 0);
        Ints max = new Ints((1 << 23) - 1, (1 << 24) - 1, (1L << 39) - 1, (1L << 56) - 1, (short) 255, 65535,
                0xFFFF_FFFFL, (1L << 47) - 1, (byte) -1, (short) -1, -1, -1L, 65535);

        assertEquals(min, roundTrip(min));
        assertEquals(max, roundTrip(max));
        Ints one = new Ints(0x010203, 0, 0, 0, (short) 0, 0, 0, 0, (byte) 0, (short) 0, 0, 0, 0x0102);
        byte[] bytes = encoder.toByteArray(one);
        // The length counts the whole frame, the magic and s3 are little-endian, u2b big-endian.
        assertArrayEquals(Hex.bytes("36 00 | 01 | ee ff c0 | 03 02 01"), Arrays.copyOf(bytes, 9));
        assertArrayEquals(Hex.bytes("01 02"), Arrays.copyOfRange(bytes, bytes.length - 2, bytes.length));
    }

    @Test
    void negativeValuesInNarrowUnsignedFieldsAreRefusedBeforeWriting() {
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(
                new Ints(0, -1, 0, 0, (short) 0, 0, 0, 0, (byte) 0, (short) 0, 0, 0, 0), out));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(
                new Ints(0, 0, 0, -1, (short) 0, 0, 0, 0, (byte) 0, (short) 0, 0, 0, 0), out));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(
                new Ints(0, 0, 0, 0, (short) -1, 0, 0, 0, (byte) 0, (short) 0, 0, 0, 0), out));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(
                new Ints(0, 0, 0, 0, (short) 0, 0, -1, 0, (byte) 0, (short) 0, 0, 0, 0), out));
        assertEquals(0, out.position(), "nothing written");
    }

    @Test
    void enumCodesWithTheirTopBitSetRoundTripInEveryWidth() {
        Codes high = new Codes(E1.HIGH, E2.HIGH, E3.HIGH, E4.HIGH, E4.HIGH, List.of(E1.HIGH, E1.TOP));
        Codes top = new Codes(E1.TOP, E2.TOP, E3.TOP, E4.TOP, E4.TOP, List.of());

        assertEquals(high, roundTrip(high));
        assertEquals(top, roundTrip(top));
        assertArrayEquals(Hex.bytes("17 00 02 ee ff c0 | 80 | 00 80 | 00 00 80 | 00 00 00 80 | 80 00 00 00 | 02 80 ff"),
                encoder.toByteArray(high));
    }

    @Test
    void unsignedLengthAndCountFieldsAbove127RoundTrip() {
        List<Byte> items = new ArrayList<>(Collections.nCopies(130, (byte) 7));
        Sized lengths = (Sized) roundTrip(new Sized((byte) 200, (byte) 129, "k".repeat(129), new byte[70], (byte) 0,
                List.of()));
        Sized counts = (Sized) roundTrip(new Sized((byte) 1, (byte) 0, "", new byte[0], (byte) 130, items));

        assertEquals("k".repeat(129), lengths.key());
        assertEquals(70, lengths.value().length);
        assertEquals(items, counts.items());
        assertThrows(IllegalArgumentException.class,
                () -> encoder.toByteArray(new Sized((byte) 200, (byte) 129, "k".repeat(129), new byte[71], (byte) 0,
                        List.of())), "the value's length disagrees with total - keyLength - 1");
    }

    @Test
    void multiByteFixedStringsATerminator0xFFAndEmptyTrailingComponentsRoundTrip() {
        Texts texts = (Texts) roundTrip(new Texts("h\u00e9\u20ac", new byte[] {0, (byte) 0xFE, 1}, "", List.of(),
                new byte[0]));

        assertEquals("h\u00e9\u20ac", texts.name());
        assertArrayEquals(new byte[] {0, (byte) 0xFE, 1}, texts.raw());
        assertArrayEquals(Hex.bytes("13 00 04 ee ff c0 | 68 c3 a9 e2 82 ac 00 | 00 fe 01 ff | 00 | 00"),
                encoder.toByteArray(texts));
        assertThrows(IllegalArgumentException.class,
                () -> encoder.toByteArray(new Texts("\u00e9\u00e9\u00e9\u00e9", new byte[0], "", List.of(), new byte[0])),
                "8 bytes of UTF-8 in a 7-byte field");
        assertThrows(IllegalArgumentException.class,
                () -> encoder.toByteArray(new Texts("", new byte[] {(byte) 0xFF}, "", List.of(), new byte[0])),
                "the terminator inside the value");
    }

    @Test
    void aFrameOfExactlyMaxFrameLengthIsReadAndOneByteMoreIsTooLong() {
        Texts longest = new Texts("", new byte[0], "", List.of(), new byte[300 - 16]);
        byte[] bytes = encoder.toByteArray(longest);
        assertEquals(300, bytes.length);
        roundTrip(longest);

        byte[] over = encoder.toByteArray(new Texts("", new byte[0], "", List.of(), new byte[300 - 15]));
        FrameTooLongException e = BadInput.rejects(EdgesFramer::new, over, FrameTooLongException.class, "301");
        assertEquals(OptionalLong.of(301), e.declaredLength());
    }

    @Test
    void varintsAtTheirLimits() {
        Varints max = new Varints(Integer.MAX_VALUE, 268_435_455);
        assertEquals(max, roundTrip(max));
        assertThrows(IllegalArgumentException.class, () -> encoder.toByteArray(new Varints(0, 268_435_456)));
        assertThrows(IllegalArgumentException.class, () -> encoder.toByteArray(new Varints(-1, 0)));

        // leb = 2^31: five LEB128 bytes, one past what an int holds.
        BadInput.rejects(EdgesFramer::new, Hex.bytes("0c 00 05 ee ff c0 | 80 80 80 80 08 | 00"),
                CorruptFrameException.class, "2147483648");
    }

    @Test
    void closingAfterTheFirstOfTwoFramesInOneReadDeliversOnlyTheFirst() {
        List<Edges> delivered = new ArrayList<>();
        EdgesHandler<Void> handler = new EdgesHandler<>() {
            @Override
            public void onInts(Connection<Void> connection, Ints frame) {}

            @Override
            public void onCodes(Connection<Void> connection, Codes frame) {}

            @Override
            public void onSized(Connection<Void> connection, Sized frame) {}

            @Override
            public void onTexts(Connection<Void> connection, Texts frame) {}

            @Override
            public void onVarints(Connection<Void> connection, Varints frame) {
                delivered.add(frame);
                connection.close();
            }
        };
        Protocol protocol = EdgesConnections.serve(new Connections<Void>(), () -> null, handler).newProtocol();
        RecordingTransport transport = new RecordingTransport();
        protocol.onConnect(transport);
        ByteBuffer two = ByteBuffer.wrap(Hex.concat(encoder.toByteArray(new Varints(1, 1)),
                encoder.toByteArray(new Varints(2, 2))));

        protocol.onBytes(two);

        assertEquals(List.of(new Varints(1, 1)), delivered);
        assertEquals(8, two.remaining(), "the second frame is left unread");
    }
}
