package dev.twine.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.twine.processor.Sources.assertOnlyError;
import static dev.twine.processor.Sources.bad;
import static dev.twine.processor.Sources.compile;
import static dev.twine.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Mistakes in a {@code @Protocol} interface, its header fields and the types it permits. */
class ProtocolDiagnosticsTest {

    @Test
    void protocolMustBeASealedInterface() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4), maxFrameLength = 65536)
                public interface Bad {}
                """),
                "@Protocol Bad must be a sealed interface that permits its frame records; declare it"
                        + " as `public sealed interface Bad permits ...`",
                "public interface Bad");
    }

    @Test
    void protocolMustPermitFrames() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4), maxFrameLength = 65536)
                public sealed interface Bad {}
                """),
                "@Protocol Bad permits no frame types; list its @Frame records after `permits`",
                "sealed interface Bad");
    }

    @Test
    void permittedTypeMustBeARecord() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4), maxFrameLength = 65536)
                public sealed interface Bad {
                    final class Ping implements Bad {}
                }
                """),
                "Ping is permitted by @Protocol Bad but is not a record; frames must be records"
                        + " (`record Ping(...) implements Bad`)",
                "final class Ping");
    }

    @Test
    void permittedRecordMustBeAFrame() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4), maxFrameLength = 65536)
                public sealed interface Bad {
                    record Ping(int id) implements Bad {}
                }
                """),
                "Ping is permitted by @Protocol Bad but has no @Frame; add @Frame(tag = ...) saying"
                        + " which tag selects it",
                "record Ping");
    }

    @Test
    void frameMustBelongToAProtocol() {
        assertOnlyError(source("Stray", """
                interface Message {}

                @Frame(tag = 1)
                public record Stray(int id) implements Message {}
                """),
                "@Frame Stray is not permitted by any @Protocol interface; make it implement a sealed"
                        + " @Protocol interface that lists it after `permits`",
                "public record Stray");
    }

    @Test
    void maxFrameLengthIsRequired() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4))
                public sealed interface Bad {
                    @Frame record Ping() implements Bad {}
                }
                """),
                "@Protocol Bad has no maxFrameLength, so a peer could announce a frame of any size;"
                        + " set maxFrameLength to the longest frame it may send, e.g."
                        + " maxFrameLength = 65536",
                "@Protocol(length");
    }

    @Test
    void maxFrameLengthMustBePositive() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          maxFrameLength = -1)
                public sealed interface Bad {
                    @Frame record Ping() implements Bad {}
                }
                """),
                "maxFrameLength -1 is out of range; use 1 to 2147483631",
                "maxFrameLength = -1");
    }

    @Test
    void protocolOrderMustBeConcrete() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          maxFrameLength = 65536,
                          order = Order.PROTOCOL)
                public sealed interface Bad {
                    @Frame record Ping() implements Bad {}
                }
                """),
                "a @Protocol's order must be BIG_ENDIAN or LITTLE_ENDIAN; Order.PROTOCOL only means"
                        + " \"the protocol's order\" on fields",
                "order = Order.PROTOCOL");
    }

    @Test
    void lengthFieldNeedsWidthOrVarint() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame record Ping() implements Bad {}
                }
                """),
                "@LengthField needs exactly one of width and varint; set width = 1..8, or varint",
                "length = @LengthField(offset = 0)");
    }

    @Test
    void tagFieldWidthIsAtMostEight() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          tag = @TagField(offset = 4, width = 9),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame(tag = 1) record Ping() implements Bad {}
                }
                """),
                "@TagField width 9 is out of range; use 1 to 8, or 0 for no tag",
                "tag = @TagField");
    }

    @Test
    void offsetsAreNotNegative() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = -2, width = 4),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame record Ping() implements Bad {}
                }
                """),
                "@LengthField offset -2 is negative; offsets count from the frame's first byte",
                "length = @LengthField");
    }

    @Test
    void tagShiftLeavesBitsForTheTag() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          tag = @TagField(offset = 4, width = 1, shift = 8),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame(tag = 1) record Ping() implements Bad {}
                }
                """),
                "tag shift 8 leaves no bits for the tag in a 1-byte field; use 0 to 7",
                "tag = @TagField");
    }

    @Test
    void headerFieldsDoNotOverlap() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          tag = @TagField(offset = 2, width = 1),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame(tag = 1) record Ping() implements Bad {}
                }
                """),
                "the protocol's tag field at offset 2 overlaps its length field at offset 0; give each"
                        + " header field its own bytes",
                "tag = @TagField");
    }

    @Test
    void varintLengthIsTheLastOwnedField() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, varint = Varint.MQTT),
                          tag = @TagField(offset = 1, width = 1),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame(tag = 1) record Ping() implements Bad {}
                }
                """),
                "a varint length field must be the last header field the protocol owns, because what"
                        + " follows it moves with its size; the tag field at offset 1 comes after it",
                "length = @LengthField");
    }

    @Test
    void magicValueFitsItsWidth() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          magic = @Magic(offset = 4, width = 1, value = 0x1ff),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame record Ping() implements Bad {}
                }
                """),
                "magic value 0x1ff does not fit in 1 byte(s); widen the field or fix the value",
                "magic = @Magic");
    }

    @Test
    void severalFramesNeedATag() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame record Ping() implements Bad {}
                    @Frame record Pong() implements Bad {}
                }
                """),
                "@Protocol Bad has no tag field but permits 2 frames; without a tag the framer cannot"
                        + " tell them apart, so declare tag = @TagField(offset = ..., width = ...)",
                "sealed interface Bad");
    }

    @Test
    void generatedNamesAreFree() {
        JavaFileObject protocol = bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame record Ping() implements Bad {}
                }
                """);
        Compilation compilation = compile(protocol, source("BadEncoder", "public class BadEncoder {}"));
        assertThat(compilation)
                .hadErrorContaining("Twine generates BadEncoder for @Protocol Bad, but a type of that"
                        + " name already exists (or is generated for another protocol); rename the"
                        + " protocol or the other type")
                .inFile(protocol)
                .onLineContaining("sealed interface Bad");
        assertThat(compilation).hadErrorCount(1);
    }
}
