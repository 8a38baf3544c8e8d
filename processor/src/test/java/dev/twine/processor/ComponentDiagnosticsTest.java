package dev.twine.processor;

import static dev.twine.processor.Sources.assertOnlyError;
import static dev.twine.processor.Sources.badWith;

import org.junit.jupiter.api.Test;

/**
 * Mistakes in one component: a type Twine cannot encode, a missing or misplaced sizing, a
 * {@code @Field} that does not suit the type, and enums without proper codes.
 */
class ComponentDiagnosticsTest {

    @Test
    void typeMustBeEncodable() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        char letter) implements Bad {}
                """),
                "component letter has type char, which Twine cannot put on the wire; use byte, short,"
                        + " int, long, boolean, float, double (or their boxes), an enum with @Code"
                        + " constants, byte[], String, a record, or a List of records or boxed integers",
                "char letter");
    }

    @Test
    void listElementMustBeEncodable() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @CountPrefix(width = 1) List<String> names) implements Bad {}
                """),
                "List component names has elements of type java.lang.String; list elements must be"
                        + " records, boxed integers (Byte, Short, Integer, Long) or enums with @Code"
                        + " constants",
                "List<String> names");
    }

    @Test
    void listElementTakesBytes() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @CountPrefix(width = 1) List<Empty> items) implements Bad {}
                record Empty() {}
                """),
                "List component items has elements of Empty, which take no bytes; list elements must"
                        + " take at least one byte each",
                "List<Empty> items");
    }

    @Test
    void blobNeedsASize() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        String name) implements Bad {}
                """),
                "String component name has no size; annotate it with one of @FixedLength,"
                        + " @LengthPrefix, @LengthFrom, @Rest or @Terminated",
                "String name");
    }

    @Test
    void blobHasOneSize() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @FixedLength(8) @Terminated String name) implements Bad {}
                """),
                "component name has both @FixedLength and @Terminated; keep the one that says how it"
                        + " is sized",
                "String name");
    }

    @Test
    void scalarTakesNoSize() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @FixedLength(4) int id) implements Bad {}
                """),
                "@FixedLength does not apply to scalar component id; it sizes byte[] and String"
                        + " components",
                "int id");
    }

    @Test
    void blobTakesNoCount() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @CountPrefix(width = 1) byte[] data) implements Bad {}
                """),
                "@CountPrefix does not apply to byte[] component data; it sizes List components",
                "byte[] data");
    }

    @Test
    void prefixNeedsWidthOrVarint() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @LengthPrefix(width = 2, varint = Varint.LEB128) String name) implements Bad {}
                """),
                "@LengthPrefix on name needs exactly one of width and varint; drop one",
                "String name");
    }

    @Test
    void prefixWidthIsOneTwoOrFour() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @LengthPrefix(width = 3) String name) implements Bad {}
                """),
                "@LengthPrefix width 3 is out of range; use 1, 2 or 4",
                "String name");
    }

    @Test
    void prefixMaxIsNotNegative() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @LengthPrefix(width = 1, max = -1) byte[] data) implements Bad {}
                """),
                "max -1 on data is negative; use 0 for no limit beyond the frame's own length",
                "byte[] data");
    }

    @Test
    void fixedLengthIsPositive() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @FixedLength(0) byte[] data) implements Bad {}
                """),
                "@FixedLength(0) on data must be at least 1",
                "byte[] data");
    }

    @Test
    void asciiIsForStrings() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @Ascii @LengthPrefix(width = 1) byte[] data) implements Bad {}
                """),
                "@Ascii applies to String components; data is byte[]",
                "byte[] data");
    }

    @Test
    void utf8TerminatorIsAscii() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @Terminated(-1) String line) implements Bad {}
                """),
                "@Terminated(-1), the byte 0xff, on String line is not ASCII, so it could occur inside"
                        + " a UTF-8 character; use a terminator from 0 to 127, or @Ascii",
                "String line");
    }

    @Test
    void fieldIsForScalars() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @Field(width = 2) @LengthPrefix(width = 1) String name) implements Bad {}
                """),
                "@Field describes numbers, booleans and enums; component name is String, sized by its"
                        + " own annotation",
                "String name");
    }

    @Test
    void fieldWidthFitsTheType() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @Field(width = 3) short id) implements Bad {}
                """),
                "@Field width 3 does not suit short component id; use 1 to 2",
                "short id");
    }

    @Test
    void floatWidthIsItsOwn() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @Field(width = 2) float ratio) implements Bad {}
                """),
                "@Field width 2 does not suit float component ratio; use 4",
                "float ratio");
    }

    @Test
    void varintIsForIntAndLong() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @Field(varint = Varint.LEB128) short id) implements Bad {}
                """),
                "@Field varint applies to int and long components; id is short",
                "short id");
    }

    @Test
    void varintHasNoWidth() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @Field(width = 4, varint = Varint.LEB128) int id) implements Bad {}
                """),
                "@Field on id sets both width and varint; a varint has no fixed width",
                "int id");
    }

    @Test
    void unsignedIsForIntegers() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @Field(unsigned = true) boolean urgent) implements Bad {}
                """),
                "@Field unsigned applies to integers and enums; urgent is boolean",
                "boolean urgent");
    }

    @Test
    void enumConstantsHaveCodes() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Paint(Color color) implements Bad {}
                enum Color {
                    @Code(0) RED,
                    GREEN
                }
                """),
                "enum constant Color.GREEN has no @Code, so it has no wire value; add @Code(...)",
                "GREEN");
    }

    @Test
    void enumCodesAreUnique() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Paint(Color color) implements Bad {}
                enum Color {
                    @Code(1) RED,
                    @Code(1) GREEN
                }
                """),
                "@Code(1) of Color.GREEN is also the code of RED; give every constant its own code",
                "GREEN");
    }

    @Test
    void enumCodesFitTheWidth() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Paint(Color color) implements Bad {}
                enum Color {
                    @Code(0) RED,
                    @Code(256) GREEN
                }
                """),
                "@Code(256) of Color.GREEN does not fit the 1-byte field of color; widen it with"
                        + " @Field(width = ...)",
                "GREEN");
    }

    @Test
    void enumIsAtMostFourBytes() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Paint(
                        @Field(width = 5) Color color) implements Bad {}
                enum Color { @Code(0) RED }
                """),
                "enum component color is 5 bytes wide; an enum code takes 1 to 4 bytes, so use"
                        + " @Field(width = 1..4)",
                "Color color");
    }
}
