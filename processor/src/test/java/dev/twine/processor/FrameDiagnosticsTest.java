package dev.twine.processor;

import static dev.twine.processor.Sources.assertOnlyError;
import static dev.twine.processor.Sources.bad;
import static dev.twine.processor.Sources.badWith;

import org.junit.jupiter.api.Test;

/**
 * Mistakes in a {@code @Frame} record as a whole: its tags and tag flags, the components that
 * take no bytes ({@code @Tag}, {@code @TagFlags}), {@code @Rest} and nesting.
 */
class FrameDiagnosticsTest {

    @Test
    void frameNeedsATagWhenTheProtocolHasOne() {
        assertOnlyError(badWith("""
                @Frame
                record Ping() implements Bad {}
                """),
                "@Frame Ping has no tag, but @Protocol Bad has a tag field; add @Frame(tag = ...)",
                "@Frame");
    }

    @Test
    void frameHasNoTagWhenTheProtocolHasNone() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame(tag = 7)
                    record Ping() implements Bad {}
                }
                """),
                "@Frame Ping has a tag, but @Protocol Bad has no tag field; declare"
                        + " tag = @TagField(offset = ..., width = ...) on the protocol, or drop the tag",
                "@Frame(tag = 7)");
    }

    @Test
    void tagComponentNeedsATagField() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame record Get(
                            @Tag int opcode) implements Bad {}
                }
                """),
                "@Frame Get has a @Tag component, but @Protocol Bad has no tag field for it to read;"
                        + " declare tag = @TagField(...) on the protocol, or remove the component",
                "@Tag int opcode");
    }

    @Test
    void tagFitsTheTagField() {
        assertOnlyError(badWith("""
                @Frame(tag = 256)
                record Ping() implements Bad {}
                """),
                "tag 256 of Ping does not fit the protocol's 8-bit tag; use 0 to 255 or widen the tag"
                        + " field",
                "@Frame(tag = 256)");
    }

    @Test
    void tagsAreUnique() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping() implements Bad {}
                @Frame(tag = 1) record Pong() implements Bad {}
                """),
                "tag 1 of Pong is already the tag of Ping; every tag must select exactly one frame",
                "record Pong");
    }

    @Test
    void tagFlagsFitBelowTheShift() {
        assertOnlyError(bad("""
                @Protocol(length = @LengthField(offset = 1, varint = Varint.MQTT),
                          tag = @TagField(offset = 0, width = 1, shift = 4),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                    @Frame(tag = 8,
                           tagFlags = 16)
                    record Subscribe() implements Bad {}
                }
                """),
                "tagFlags 16 of Subscribe does not fit the tag field's 4 flag bit(s); use 0 to 15, or"
                        + " give @TagField a larger shift",
                "tagFlags = 16");
    }

    @Test
    void tagFlagsComponentNeedsAShift() {
        assertOnlyError(badWith("""
                @Frame(tag = 3) record Publish(@TagFlags int flags) implements Bad {}
                """),
                "Publish has @TagFlags, but the protocol's tag field has no flag bits; set shift on"
                        + " @TagField, or drop @TagFlags",
                "record Publish");
    }

    @Test
    void severalTagsNeedATagComponent() {
        assertOnlyError(badWith("""
                @Frame(tag = {0, 9})
                record Get() implements Bad {}
                """),
                "@Frame Get has 2 tags but no @Tag component to say which one arrived (and which to"
                        + " send); add a component such as `@Tag int opcode`",
                "@Frame(tag = {0, 9})");
    }

    @Test
    void tagComponentIsAnInteger() {
        assertOnlyError(badWith("""
                @Frame(tag = {0, 9}) record Get(
                        @Tag String opcode) implements Bad {}
                """),
                "@Tag component opcode must be an integer type (byte, short, int or long), not"
                        + " java.lang.String",
                "@Tag String opcode");
    }

    @Test
    void tagComponentIsInTheFrameItself() {
        assertOnlyError(badWith("""
                @Frame(tag = 0) record Get(Header header) implements Bad {}
                record Header(
                        @Tag int opcode,
                        int opaque) {}
                """),
                "@Tag component opcode is only meaningful in a @Frame record itself, not in the nested"
                        + " record Header",
                "@Tag int opcode");
    }

    @Test
    void tagComponentTakesNoLayout() {
        assertOnlyError(badWith("""
                @Frame(tag = {0, 9}) record Get(
                        @Tag @Field(width = 1) int opcode) implements Bad {}
                """),
                "@Tag component opcode takes no bytes of its own, so @Field does not apply; remove it",
                "int opcode");
    }

    @Test
    void restIsTheLastComponent() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Publish(
                        @Rest byte[] payload,
                        int checksum) implements Bad {}
                """),
                "@Rest component payload must be the last component of its frame, since it takes every"
                        + " byte that is left; move it to the end",
                "byte[] payload");
    }

    @Test
    void restIsInTheFrameItself() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Publish(Body body) implements Bad {}
                record Body(
                        short id,
                        @Rest byte[] payload) {}
                """),
                "@Rest component payload is in Body, which is not a frame; only a frame's last"
                        + " component can take the rest of the frame",
                "byte[] payload");
    }

    @Test
    void recordDoesNotContainItself() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Walk(Node first) implements Bad {}
                record Node(
                        int value,
                        Node next) {}
                """),
                "record Node contains itself through next; a layout cannot nest a record in itself",
                "Node next");
    }

    @Test
    void listElementDoesNotContainItsRecord() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Walk(Tree root) implements Bad {}
                record Tree(
                        int value,
                        @CountPrefix(width = 1) List<Tree> children) {}
                """),
                "record Tree contains itself through children; a layout cannot nest a record in itself",
                "List<Tree> children");
    }

    @Test
    void tagComponentHoldsEveryTag() {
        assertOnlyError(badWith("""
                @Frame(tag = {1, 200}) record Op(
                        @Tag byte opcode) implements Bad {}
                """),
                "value 200 of Op's tag field does not fit its component opcode (byte holds at most 127);"
                        + " give the component a wider type",
                "@Tag byte opcode");
    }
}
