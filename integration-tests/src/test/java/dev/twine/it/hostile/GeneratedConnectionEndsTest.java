package dev.twine.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.twine.examples.memcached.McRequestFramer;
import dev.twine.framing.ConnectionTable;
import dev.twine.framing.Framer;
import dev.twine.framing.TruncatedFrameException;
import dev.twine.it.everything.EverythingFramer;
import dev.twine.it.mqtt.MqttPacketFramer;
import dev.twine.it.seedlike.SeedLikeFramer;
import dev.twine.it.support.Hex;
import dev.twine.runtime.CloseReason;
import dev.twine.testing.Chunking;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated framers served by a connection table, at the two ends a connection can come to in the
 * middle of a read: the handler closes it on the first of several frames, and gets no other; the
 * peer closes in the middle of a field, and the close says the frame was truncated, with the bytes
 * held.
 */
class GeneratedConnectionEndsTest {

    /** Two frames and what the first reads as; and the start of a frame, cut inside a field. */
    record Row(String name, Supplier<? extends Framer<?>> framer, byte[] twoFrames, String first, byte[] partial) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("SeedLike", SeedLikeFramer::new, Hex.bytes("00 00 00 04 00 00 00 00 | 00 00 00 04 00 00 00 00"),
                        "Count[]", Hex.bytes("00 00 00 08 | 00 00 00 02 | 00 02 | 68")),
                new Row("Everything", EverythingFramer::new, Hex.bytes("54 57 00 07 06 00 | 54 57 00 08 06 00"),
                        "Empty[channel=7]", Hex.bytes("54 57 | 0e | 00 | 11")),
                new Row("MQTT", MqttPacketFramer::new, Hex.bytes("c0 00 | d0 00"), "Pingreq[]", Hex.bytes("32 0c | 00 03 61")),
                new Row("memcached request", McRequestFramer::new,
                        Hex.bytes("80 0a 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00"
                                + " | 80 0a 00 00 00 00 00 00 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 00"),
                        "Bare[opcode=10, header=Header[keyLength=0, extrasLength=0, dataType=0, vbucket=0, opaque=1, cas=0]]",
                        Hex.bytes("80 00 00 03 00 00 00 00 00 00 00 03 00 00 00 03 00 00 00 00 00 00 00 00 | 6b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aHandlerThatClosesOnTheFirstFrameGetsNoOther(Row row) {
        var connection = new ConnectionTable(row.framer(), row.twoFrames(), Chunking.whole(), c -> c.close());

        assertEquals(List.of(row.first()), connection.frames());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aPeerThatClosesInAFieldTruncatesTheFrame(Row row) {
        var connection = new ConnectionTable(row.framer(), row.partial(), Chunking.bytewise(), c -> {});

        connection.peerCloses();

        CloseReason reason = connection.closeReason();
        assertEquals(CloseReason.Kind.PEER_CLOSED, reason.kind());
        var truncated = assertInstanceOf(TruncatedFrameException.class, reason.cause());
        assertEquals(row.partial().length, truncated.bufferedBytes());
    }
}
