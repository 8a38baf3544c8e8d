package dev.twine.it.hostile;

import dev.twine.examples.memcached.McRequestFramer;
import dev.twine.examples.memcached.McResponseFramer;
import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.HostileInput;
import dev.twine.it.everything.Everything;
import dev.twine.it.everything.EverythingFramer;
import dev.twine.it.mqtt.MqttPacketFramer;
import dev.twine.it.seedlike.SeedLikeFramer;
import dev.twine.it.support.Hex;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What generated framers make of input meant to hurt them, one table across protocols whose
 * headers differ in every way: {@code SeedLike} (a 4-byte big-endian length of what follows, a
 * 4-byte tag), {@link Everything} (little-endian, magic, a length counting the whole frame, so an
 * adjustment of -6), MQTT (a tag nibble and a variable-length integer), and memcached's requests
 * and responses (magic, a 4-byte body length with an adjustment of +12, lengths inside the body).
 * Lengths over the limit are refused from the header alone; lengths and counts inside a frame that
 * do not fit it are refused without allocating for them; a peer that never stops sending is
 * refused within its first frame's header.
 */
class GeneratedHostileInputTest {

    static Stream<HostileInput<?>> rows() {
        return Stream.of(
                // SeedLike: 4-byte length counting what follows it | 4-byte tag
                seedLike("a length of 0x7FFFFFFF, no payload", "7f ff ff ff | 00 00 00 00")
                        .rejects(FrameTooLongException.class).holdingAtMost(7),
                seedLike("a length of 0xFFFFFFFF, no payload: unsigned, never -1", "ff ff ff ff | 00 00 00 00")
                        .rejects(FrameTooLongException.class).holdingAtMost(7),
                seedLike("a length at the limit, no payload: waits, holding the header", "00 00 ff fc | 00 00 00 03")
                        .waitsHolding(8).holdingAtMost(8),
                seedLike("a length that ends the frame inside its header", "00 00 00 03 | 00 00 00 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(7),
                seedLike("an unknown tag", "00 00 00 04 | 00 00 00 09")
                        .rejects(CorruptFrameException.class).holdingAtMost(7),
                seedLike("a Say whose text is longer than its frame", "00 00 00 08 | 00 00 00 02 | 00 05 | 68 69")
                        .rejects(CorruptFrameException.class).holdingAtMost(11),
                HostileInput.endless("SeedLike: \\0 for ever", SeedLikeFramer::new, Hex.bytes("00"), Hex.bytes("00"))
                        .rejectsWithin(CorruptFrameException.class, 8).holdingAtMost(7),
                HostileInput.endless("SeedLike: \\0, then 0xFF for ever", SeedLikeFramer::new, Hex.bytes("00"),
                        Hex.bytes("ff"))
                        .rejectsWithin(FrameTooLongException.class, 8).holdingAtMost(7),

                // Everything: 54 57 magic | tag | channel | 2-byte little-endian length of the whole frame
                everything("a length of 0xFFFF", "54 57 | 00 | 00 | ff ff")
                        .rejects(FrameTooLongException.class).holdingAtMost(5),
                everything("a length at the limit, no payload: waits, holding the header", "54 57 | 0a | 00 | 00 10")
                        .waitsHolding(6).holdingAtMost(6),
                everything("a length of 0: adjusted by -6, a frame that ends before its header does",
                        "54 57 | 00 | 00 | 00 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(5),
                everything("bad magic", "54 58 | 00 | 00 | 06 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(5),
                everything("an unknown tag", "54 57 | ee | 00 | 06 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(5),
                everything("a good frame, then bad magic", "54 57 | 00 | 07 | 06 00 | 00 57 | 00 | 07 | 06 00")
                        .delivers("Empty[channel=7]").rejects(CorruptFrameException.class).holdingAtMost(5),
                everything("a count of 2^30 4-byte elements: 2^32 bytes",
                        "54 57 | 0b | 00 | 10 00 | 00 | 00 | 00 00 | 00 00 | 00 00 00 40")
                        .rejects(CorruptFrameException.class).holdingAtMost(15),
                everything("a count of 2^32 - 1 4-byte elements",
                        "54 57 | 0b | 00 | 10 00 | 00 | 00 | 00 00 | 00 00 | ff ff ff ff")
                        .rejects(CorruptFrameException.class).holdingAtMost(15),
                everything("a LEB128 count of 2^63 8-byte elements, negative as a long",
                        "54 57 | 0b | 00 | 1a 00 | 00 | 00 | 00 00 | 00 00 | 00 00 00 00"
                                + " | 80 80 80 80 80 80 80 80 80 01")
                        .rejects(CorruptFrameException.class).holdingAtMost(25),
                everything("a count field larger than the frame", "54 57 | 0b | 00 | 0a 00 | 00 | ff | 00 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(9),
                // Found by fuzzing: the list's elements ran past its byte length while the framer had
                // narrowed its view to it, which the rejection then overran (IndexOutOfBounds).
                everything("a list whose element runs past the list's byte length",
                        "54 57 | 0b | 00 | 12 00 | 00 | 00 | 01 00 | 01 | 00 00 | 00 00 00 00 | 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(17),
                everything("a nested record's length past the end of its frame",
                        "54 57 | 0d | 00 | 17 00 | 00 00 00 00 | ff | 00 00 00 00 | 00 00 00 00 00 00 00 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(22),
                everything("lengths whose arithmetic goes below zero",
                        "54 57 | 09 | 00 | 10 00 | 01 00 | 02 | 00 | 00 | 6b 31 | 00 00 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(15),
                HostileInput.endless("Everything: \\0 for ever", EverythingFramer::new, Hex.bytes("00"),
                        Hex.bytes("00"))
                        .rejectsWithin(CorruptFrameException.class, 6).holdingAtMost(5),
                HostileInput.endless("Everything: good magic, then 0xFF for ever", EverythingFramer::new,
                        Hex.bytes("54 57"), Hex.bytes("ff"))
                        .rejectsWithin(FrameTooLongException.class, 6).holdingAtMost(5),

                // MQTT: type nibble | 1 to 4 bytes of remaining length
                mqtt("the largest remaining length, 268435455", "30 ff ff ff 7f")
                        .rejects(FrameTooLongException.class).holdingAtMost(4),
                mqtt("a remaining length of five bytes", "30 ff ff ff ff 01")
                        .rejects(CorruptFrameException.class).holdingAtMost(5),
                HostileInput.endless("MQTT: \\0 for ever: packet type 0", MqttPacketFramer::new, Hex.bytes("00"),
                        Hex.bytes("00"))
                        .rejectsWithin(CorruptFrameException.class, 2).holdingAtMost(1),
                HostileInput.endless("MQTT: a remaining length that never ends", MqttPacketFramer::new,
                        Hex.bytes("30"), Hex.bytes("80"))
                        .rejectsWithin(CorruptFrameException.class, 5).holdingAtMost(4),

                // memcached: 80 magic | opcode | key length | extras length | ... | 4-byte body length at 8 | ...
                mcRequest("a body length of 0xFFFFFFFF, no body",
                        "80 | 00 | 00 00 | 00 | 00 | 00 00 | ff ff ff ff | 00 00 00 00 | 00 00 00 00 00 00 00 00")
                        .rejects(FrameTooLongException.class).holdingAtMost(23),
                mcRequest("a body length of 0x7FFFFFFF, no body",
                        "80 | 00 | 00 00 | 00 | 00 | 00 00 | 7f ff ff ff | 00 00 00 00 | 00 00 00 00 00 00 00 00")
                        .rejects(FrameTooLongException.class).holdingAtMost(23),
                mcRequest("the longest body accepted (20 bytes of extras and 1 GiB), none of it sent: waits",
                        "80 | 00 | 00 00 | 00 | 00 | 00 00 | 40 00 00 14 | 00 00 00 00 | 00 00 00 00 00 00 00 00")
                        .waitsHolding(24).holdingAtMost(24),
                mcRequest("the response magic in a request",
                        "81 | 0a | 00 00 | 00 | 00 | 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 00 00 00 00")
                        .rejects(CorruptFrameException.class).holdingAtMost(23),
                mcRequest("a get whose key is longer than its body",
                        "80 | 00 | 00 0a | 00 | 00 | 00 00 | 00 00 00 05 | 00 00 00 07 | 00 00 00 00 00 00 00 00"
                                + " | 61 62 63 64 65")
                        .rejects(CorruptFrameException.class).holdingAtMost(28),
                HostileInput.endless("memcached request: \\0 for ever", McRequestFramer::new, Hex.bytes("00"),
                        Hex.bytes("00"))
                        .rejectsWithin(CorruptFrameException.class, 24).holdingAtMost(23),
                // a response: 81 magic | opcode | key length | extras length | data type | status | body length | ...
                mcResponse("a body length of 0xFFFFFFFF, no body",
                        "81 | 00 | 00 00 | 00 | 00 | 00 00 | ff ff ff ff | 00 00 00 00 | 00 00 00 00 00 00 00 00")
                        .rejects(FrameTooLongException.class).holdingAtMost(23),
                mcResponse("extras and key longer than the body",
                        "81 | 00 | 00 08 | 04 | 00 | 00 00 | 00 00 00 05 | 00 00 00 00"
                                + " | 00 00 00 00 00 00 00 00 | de ad be ef 6b")
                        .rejects(CorruptFrameException.class).holdingAtMost(28));
    }

    private static HostileInput<?> seedLike(String name, String hex) {
        return HostileInput.of("SeedLike: " + name, SeedLikeFramer::new, Hex.bytes(hex));
    }

    private static HostileInput<?> everything(String name, String hex) {
        return HostileInput.of("Everything: " + name, EverythingFramer::new, Hex.bytes(hex));
    }

    private static HostileInput<?> mqtt(String name, String hex) {
        return HostileInput.of("MQTT: " + name, MqttPacketFramer::new, Hex.bytes(hex));
    }

    private static HostileInput<?> mcRequest(String name, String hex) {
        return HostileInput.of("memcached request: " + name, McRequestFramer::new, Hex.bytes(hex));
    }

    private static HostileInput<?> mcResponse(String name, String hex) {
        return HostileInput.of("memcached response: " + name, McResponseFramer::new, Hex.bytes(hex));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedOrWaitedForWithinItsBounds(HostileInput<?> row) {
        row.check();
    }
}
