package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameHeaderTest {

    private static FrameHeader.Builder seed() {
        return FrameHeader.builder("Seed").length(0, 4, true, 0).tag(4, 4, 0, true).maxFrameLength(1024);
    }

    @Test
    void reportsWhereItsFieldsAre() {
        FrameHeader seed = seed().build();
        FrameHeader mqtt = FrameHeader.builder("Mqtt").tag(0, 1, 4, true).lengthVarint(1, true, 0)
                .maxFrameLength(100).build();
        FrameHeader memcache = FrameHeader.builder("Memcache").magic(0, 1, 0x80, true).tag(1, 1, 0, true)
                .length(8, 4, true, 12).maxFrameLength(1 << 20).build();

        assertEquals("Seed", seed.name());
        assertEquals(1024, seed.maxFrameLength());
        assertTrue(seed.hasTag());
        assertEquals(0, seed.lengthOffset());
        assertEquals(4, seed.lengthWidth());
        assertFalse(seed.hasVarintLength());
        assertEquals(8, seed.fixedEnd());

        assertTrue(mqtt.hasVarintLength());
        assertEquals(0, mqtt.lengthWidth());
        assertEquals(1, mqtt.lengthOffset());
        assertEquals(1, mqtt.fixedEnd(), "up to the varint");

        assertEquals(12, memcache.fixedEnd(), "the opaque and cas after the length are the frame's own");
        assertFalse(FrameHeader.builder("Bare").length(0, 2, false, 0).maxFrameLength(10).build().hasTag());
    }

    @Test
    void aVarintAfterAGapStartsTheHeadersVariablePart() {
        FrameHeader gap = FrameHeader.builder("Gap").tag(0, 1, 0, true).lengthVarint(5, false, 0)
                .maxFrameLength(100).build();

        assertEquals(5, gap.fixedEnd());
    }

    static Stream<Arguments> invalidHeaders() {
        return Stream.<Arguments>of(
                invalid("no length", b -> FrameHeader.builder("Seed").tag(4, 4, 0, true).maxFrameLength(1024),
                        "has no length field"),
                invalid("length 0 wide", b -> b.length(0, 0, true, 0), "the length field is 0 bytes wide"),
                invalid("length 9 wide", b -> b.length(0, 9, true, 0), "the length field is 9 bytes wide"),
                invalid("tag 0 wide", b -> b.tag(4, 0, 0, true), "the tag is 0 bytes wide"),
                invalid("tag 9 wide", b -> b.tag(4, 9, 0, true), "the tag is 9 bytes wide"),
                invalid("magic 9 wide", b -> b.magic(8, 9, 0, true), "magic #1 is 9 bytes wide"),
                invalid("negative length offset", b -> b.length(-1, 4, true, 0), "negative offset"),
                invalid("negative varint offset", b -> b.lengthVarint(-1, true, 0), "negative offset"),
                invalid("negative tag offset", b -> b.tag(-4, 4, 0, true), "negative offset"),
                invalid("negative magic offset", b -> b.magic(-1, 1, 0, true), "negative offset"),
                invalid("magic too wide for its value", b -> b.magic(8, 1, 0x100, true),
                        "magic #1's value 256 does not fit 1 unsigned byte"),
                invalid("negative magic", b -> b.magic(8, 1, -1, true), "magic #1's value -1 does not fit"),
                invalid("tag overlaps length", b -> b.tag(3, 4, 0, true),
                        "the tag (bytes 3 to 6) overlaps the length field (bytes 0 to 3)"),
                invalid("magic overlaps tag", b -> b.magic(7, 2, 1, true),
                        "magic #1 (bytes 7 to 8) overlaps the tag (bytes 4 to 7)"),
                invalid("magic overlaps magic", b -> b.magic(8, 2, 1, true).magic(9, 1, 1, true),
                        "magic #1 (bytes 8 to 9) overlaps magic #2 (bytes 9 to 9)"),
                invalid("varint before the tag", b -> b.lengthVarint(0, true, 0),
                        "the varint length field at 0 must come after the tag (bytes 4 to 7)"),
                invalid("field straddling the varint", b -> b.lengthVarint(6, true, 0),
                        "must come after the tag"),
                invalid("tag shift too big for the field", b -> b.tag(4, 1, 8, true),
                        "tag shift 8 is not between 0 and 7"),
                invalid("tag shift too big for an int", b -> b.tag(4, 8, 32, true),
                        "tag shift 32 is not between 0 and 31"),
                invalid("negative tag shift", b -> b.tag(4, 4, -1, true), "tag shift -1"),
                invalid("no limit", b -> FrameHeader.builder("Seed").length(0, 4, true, 0),
                        "maxFrameLength must be between 1 and 2147483631, got 0"),
                invalid("limit too big", b -> b.maxFrameLength(Integer.MAX_VALUE), "got 2147483647"),
                invalid("limit shorter than the header", b -> b.maxFrameLength(7),
                        "maxFrameLength 7 is shorter than the header (8 bytes)"),
                invalid("limit shorter than a varint header", b -> FrameHeader.builder("Seed").tag(0, 1, 0, true)
                        .lengthVarint(1, true, 0).maxFrameLength(1), "shorter than the header (2 bytes)"),
                invalid("field far past any limit", b -> b.magic(Integer.MAX_VALUE, 8, 0, true),
                        "shorter than the header"));
    }

    private static Arguments invalid(String name, UnaryOperator<FrameHeader.Builder> change, String message) {
        return Arguments.of(name, change, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidHeaders")
    void refusesAnInvalidHeaderSayingWhy(String name, UnaryOperator<FrameHeader.Builder> change, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> change.apply(seed()).build());

        assertTrue(e.getMessage().startsWith("header Seed: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aMagicMayUseItsWholeWidth() {
        FrameHeader.builder("Wide").magic(0, 8, -1, true).magic(8, 1, 0xFF, true).length(9, 1, true, 0)
                .maxFrameLength(100).build();
    }

    @Test
    void aLaterLengthOrTagReplacesTheEarlierOne() {
        FrameHeader header = seed().lengthVarint(8, false, 0).tag(0, 2, 0, true).build();

        assertTrue(header.hasVarintLength());
        assertEquals(8, header.fixedEnd());
    }
}
