package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The header shapes beyond the seed's: a tag in the high bits of a byte followed by an MQTT varint
 * length, a magic byte with the length deep in the header, and a varint length with no tag.
 */
class HeaderFramerFormatsTest {

    /**
     * MQTT's fixed header: the packet type in the high nibble of byte 0, flags in the low one, then
     * the remaining length as an MQTT varint.
     */
    static final class MqttLike extends HeaderFramer<MqttLike.Packet> {
        sealed interface Packet permits Publish, PingReq {}

        record Publish(int flags, String topic, String payload) implements Packet {}

        record PingReq() implements Packet {}

        static final FrameHeader HEADER = FrameHeader.builder("MqttLike")
                .tag(0, 1, 4, true).lengthVarint(1, true, 0).maxFrameLength(1 << 20).build();

        final List<Integer> lengthFieldEnds = new ArrayList<>();

        MqttLike() {
            super(HEADER);
        }

        @Override
        protected int kindOf(long tag) {
            return tag == 3 ? 0 : tag == 12 ? 1 : -1;
        }

        @Override
        protected Packet read(int kind, ByteBuffer frame) {
            lengthFieldEnds.add(lengthFieldEnd());
            frame.position(frame.position() + lengthFieldEnd());
            if (kind == 1) {
                return new PingReq();
            }
            String topic = Wire.getUtf8(frame, (int) Wire.getUnsigned(frame, 2, true));
            return new Publish(tagFlags(), topic, Wire.getUtf8(frame, frame.remaining()));
        }
    }

    /** A PUBLISH with flags 0b0010, topic {@code a/b}, written out by hand around {@code payload}. */
    private static byte[] publish(byte[] remainingLength, String payload) {
        return Bytes.concat(Bytes.of(0x32), remainingLength, Bytes.of(0, 3, 'a', '/', 'b'), Bytes.text(payload));
    }

    private static final String PAYLOAD_200 = Bytes.pattern(200);
    private static final String PAYLOAD_20000 = Bytes.pattern(20_000);

    private static final byte[] MQTT_STREAM = Bytes.concat(
            publish(Bytes.of(0x0A), "hello"),         // 2 + 3 + 5 = 10
            Bytes.of(0xC0, 0x00),                     // PINGREQ
            publish(Bytes.of(0xCD, 0x01), PAYLOAD_200), // 205 = 0x4D + 1 * 128
            publish(Bytes.of(0x85, 0x80, 0x00), ""),  // 5, in a longer form than it needs
            publish(Bytes.of(0xA5, 0x9C, 0x01), PAYLOAD_20000), // 20005 = 0x25 + 0x1C * 128 + 1 * 16384
            Bytes.of(0xC0, 0x00));

    private static final List<String> MQTT_FRAMES = List.of(
            "0:Publish[flags=2, topic=a/b, payload=hello]",
            "1:PingReq[]",
            "0:Publish[flags=2, topic=a/b, payload=" + PAYLOAD_200 + "]",
            "0:Publish[flags=2, topic=a/b, payload=]",
            "0:Publish[flags=2, topic=a/b, payload=" + PAYLOAD_20000 + "]",
            "1:PingReq[]");

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void mqttLikeFramesComeOutTheSameHoweverTheInputIsCut(Reads chunking) {
        var framer = new MqttLike();
        var frames = new KindRecorder<MqttLike.Packet>();

        frames.feed(chunking, MQTT_STREAM, framer);

        assertEquals(MQTT_FRAMES, frames.frames);
        assertEquals(List.of(2, 2, 3, 4, 4, 2), framer.lengthFieldEnds, "where each varint ended");
        assertEquals(0, framer.bufferedBytes());
    }

    @Test
    void aVarintLengthIsHeldAByteAtATime() {
        var framer = new MqttLike();
        var frames = new KindRecorder<MqttLike.Packet>();

        framer.decode(ByteBuffer.wrap(Bytes.of(0x32, 0xA5)), frames);
        assertTrue(framer.isReadingHeader());
        assertEquals(2, framer.headerBytesHeld());
        assertEquals(-1, framer.expectedFrameLength());
        assertEquals(-1, framer.currentTag());

        framer.decode(ByteBuffer.wrap(Bytes.of(0x9C)), frames);
        assertEquals(3, framer.headerBytesHeld());
        assertTrue(framer.isReadingHeader());

        framer.decode(ByteBuffer.wrap(Bytes.of(0x01, 0, 3)), frames);
        assertFalse(framer.isReadingHeader());
        assertEquals(4, framer.headerBytesHeld());
        assertEquals(4 + 20_005, framer.expectedFrameLength());
        assertEquals(3, framer.currentTag());
        assertEquals(6, framer.bufferedBytes());
    }

    @Test
    void aVarintCutByTheEndOfTheInputResumesWithoutRecheckingItsBytes() {
        byte[] wire = publish(Bytes.of(0xA5, 0x9C, 0x01), PAYLOAD_20000);
        var framer = new MqttLike();
        var frames = new KindRecorder<MqttLike.Packet>();

        framer.decode(ByteBuffer.wrap(wire, 0, 3), frames); // read in place as far as it goes, then held
        assertEquals(3, framer.headerBytesHeld());
        framer.decode(ByteBuffer.wrap(wire, 3, wire.length - 3), frames);

        assertEquals(List.of(MQTT_FRAMES.get(4)), frames.frames);
    }

    @Test
    void anMqttVarintLongerThanFourBytesIsCorruptAtItsFifthByte() {
        var framer = new MqttLike();
        var frames = new KindRecorder<MqttLike.Packet>();
        framer.decode(ByteBuffer.wrap(Bytes.of(0x30, 0xFF, 0xFF, 0xFF)), frames);

        var e = assertThrows(CorruptFrameException.class,
                () -> framer.decode(ByteBuffer.wrap(Bytes.of(0xFF)), frames));

        assertEquals("MqttLike's varint length field does not end within 4 bytes", e.getMessage());
        assertTrue(framer.hasFailed());
    }

    @Test
    void anOverlongVarintReadInPlaceIsCorruptToo() {
        var framer = new MqttLike();

        assertThrows(CorruptFrameException.class, () -> framer.decode(
                ByteBuffer.wrap(Bytes.of(0x30, 0x80, 0x80, 0x80, 0x80, 0x00)), new KindRecorder<>()));
        assertTrue(framer.hasFailed());
    }

    @Test
    void theLargestMqttLengthIsTooLongForThisLimit() {
        var framer = new MqttLike();

        var e = assertThrows(FrameTooLongException.class, () -> framer.decode(
                ByteBuffer.wrap(Bytes.of(0x30, 0xFF, 0xFF, 0xFF, 0x7F)), new KindRecorder<>()));

        assertEquals(5 + 268_435_455L, e.declaredLength().getAsLong());
        assertEquals(0, framer.bufferedBytes());
    }

    @Test
    void anUnknownPacketTypeIsCorrupt() {
        var e = assertThrows(CorruptFrameException.class,
                () -> new MqttLike().decode(ByteBuffer.wrap(Bytes.of(0xF0, 0x00)), new KindRecorder<>()));

        assertEquals("MqttLike: unknown tag 0xf", e.getMessage());
    }

    /** A LEB128 length first, and no tag: every frame is kind 0. */
    static final class Leb128Strings extends HeaderFramer<String> {
        Leb128Strings() {
            super(FrameHeader.builder("Leb").lengthVarint(0, false, 0).maxFrameLength(1000).build());
        }

        @Override
        protected int kindOf(long tag) {
            return tag == 0 ? 0 : -1;
        }

        @Override
        protected String read(int kind, ByteBuffer frame) {
            frame.position(frame.position() + lengthFieldEnd());
            return Wire.getUtf8(frame, frame.remaining());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void aTaglessVarintLengthedStreamComesOutTheSameHoweverItIsCut(Reads chunking) {
        String text300 = Bytes.pattern(300);
        byte[] stream = Bytes.concat(Bytes.of(2), Bytes.text("hi"), Bytes.of(0),
                Bytes.of(0xAC, 0x02), Bytes.text(text300), // 300 = 0x2C + 2 * 128
                Bytes.of(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), Bytes.text("!"));
        var frames = new KindRecorder<String>();

        frames.feed(chunking, stream, new Leb128Strings());

        assertEquals(List.of("0:hi", "0:", "0:" + text300, "0:!"), frames.frames);
    }

    @Test
    void aLeb128LengthPastTenBytesOrSixtyFourBitsIsCorrupt() {
        var tooLong = assertThrows(CorruptFrameException.class, () -> new Leb128Strings().decode(
                ByteBuffer.wrap(Bytes.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)),
                new KindRecorder<>()));
        var tooBig = assertThrows(CorruptFrameException.class, () -> new Leb128Strings().decode(
                ByteBuffer.wrap(Bytes.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02)),
                new KindRecorder<>()));

        assertEquals("Leb's varint length field does not end within 10 bytes", tooLong.getMessage());
        assertEquals("Leb's varint length field is over 64 bits", tooBig.getMessage());
    }

    /**
     * Memcached's binary request: magic 0x80, the opcode as the tag, the total body length at 8,
     * and a 24-byte header whose other fields (key and extras lengths, opaque, cas) are the frame's
     * own. GET and GETQ are one frame type.
     */
    static final class MemcacheLike extends HeaderFramer<MemcacheLike.Request> {
        sealed interface Request permits Get, Set, Noop {}

        record Get(boolean quiet, String key) implements Request {}

        record Set(long flags, long expiry, String key, String value) implements Request {}

        record Noop() implements Request {}

        static final FrameHeader HEADER = FrameHeader.builder("MemcacheLike")
                .magic(0, 1, 0x80, true).tag(1, 1, 0, true).length(8, 4, true, 12)
                .maxFrameLength(1 << 20).build();

        MemcacheLike() {
            super(HEADER);
        }

        @Override
        protected int kindOf(long tag) {
            return switch ((int) tag) {
                case 0x00, 0x09 -> 0;
                case 0x01 -> 1;
                case 0x0A -> 2;
                default -> -1;
            };
        }

        @Override
        protected Request read(int kind, ByteBuffer frame) {
            int start = frame.position();
            frame.position(start + 2);
            int keyLength = (int) Wire.getUnsigned(frame, 2, true);
            int extrasLength = (int) Wire.getUnsigned(frame, 1, true);
            frame.position(start + 8);
            long bodyLength = Wire.getUnsigned(frame, 4, true);
            frame.position(start + 24);
            switch (kind) {
                case 0:
                    return new Get(tag() == 0x09, Wire.getAscii(frame, Wire.checkLength(keyLength, frame, "key"), "key"));
                case 1:
                    long flags = Wire.getUnsigned(frame, 4, true);
                    long expiry = Wire.getUnsigned(frame, 4, true);
                    String key = Wire.getAscii(frame, Wire.checkLength(keyLength, frame, "key"), "key");
                    int valueLength = Wire.checkLength(bodyLength - keyLength - extrasLength, frame, "value");
                    return new Set(flags, expiry, key, Wire.getUtf8(frame, valueLength));
                default:
                    return new Noop();
            }
        }
    }

    /** A request as memcached's documentation lays it out, built with the JDK's own puts. */
    private static byte[] request(int opcode, byte[] extras, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        int body = extras.length + k.length + v.length;
        return ByteBuffer.allocate(24 + body)
                .put((byte) 0x80).put((byte) opcode).putShort((short) k.length).put((byte) extras.length)
                .put((byte) 0).putShort((short) 0).putInt(body).putInt(0xCAFE).putLong(0)
                .put(extras).put(k).put(v).array();
    }

    private static final byte[] MEMCACHE_STREAM = Bytes.concat(
            request(0x01, Bytes.of(0, 0, 0, 7, 0, 0, 0x0E, 0x10), "greeting", "h\u00e9llo"),
            request(0x00, new byte[0], "greeting", ""),
            request(0x09, new byte[0], "quiet", ""),
            request(0x0A, new byte[0], "", ""));

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void memcacheLikeRequestsComeOutTheSameHoweverTheInputIsCut(Reads chunking) {
        var frames = new KindRecorder<MemcacheLike.Request>();

        frames.feed(chunking, MEMCACHE_STREAM, new MemcacheLike());

        assertEquals(List.of(
                "1:Set[flags=7, expiry=3600, key=greeting, value=h\u00e9llo]",
                "0:Get[quiet=false, key=greeting]",
                "0:Get[quiet=true, key=quiet]",
                "2:Noop[]"), frames.frames);
    }

    @Test
    void aBadMagicIsCorruptNamingWhereAndWhat() {
        byte[] wire = request(0x0A, new byte[0], "", "");
        wire[0] = (byte) 0x81;

        var e = assertThrows(CorruptFrameException.class,
                () -> new MemcacheLike().decode(ByteBuffer.wrap(wire), new KindRecorder<>()));

        assertEquals("MemcacheLike: bad magic at offset 0: expected 0x80, got 0x81", e.getMessage());
    }

    @Test
    void aBadMagicIsFoundOnceTheHeaderIsCompleteEvenIfTheMagicCameFirst() {
        var framer = new MemcacheLike();
        framer.decode(ByteBuffer.wrap(Bytes.of(0x81, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0)), new KindRecorder<>());
        assertEquals(11, framer.bufferedBytes());

        assertThrows(CorruptFrameException.class,
                () -> framer.decode(ByteBuffer.wrap(Bytes.of(0)), new KindRecorder<>()));
    }

    @Test
    void aKeyLongerThanItsBodyIsCorruptBeforeAnythingIsAllocatedForIt() {
        byte[] wire = request(0x00, new byte[0], "", "");
        wire[2] = (byte) 0xFF; // key length 0xFF00 in a body of 0 bytes

        var e = assertThrows(CorruptFrameException.class,
                () -> new MemcacheLike().decode(ByteBuffer.wrap(wire), new KindRecorder<>()));

        assertEquals("key of 65280 bytes does not fit the 0 bytes left in the frame", e.getMessage());
    }

    @Test
    void aValueLengthThatComesOutNegativeIsCorrupt() {
        byte[] wire = request(0x01, new byte[8], "key", "");
        wire[4] = 20; // extras length 20 in a body of 11 bytes: the value would be 11 - 3 - 20 bytes

        var e = assertThrows(CorruptFrameException.class,
                () -> new MemcacheLike().decode(ByteBuffer.wrap(wire), new KindRecorder<>()));

        assertEquals("value of -12 bytes does not fit the 0 bytes left in the frame", e.getMessage());
    }
}
