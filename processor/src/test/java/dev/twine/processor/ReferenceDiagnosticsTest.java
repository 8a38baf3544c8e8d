package dev.twine.processor;

import static dev.twine.processor.Sources.assertOnlyError;
import static dev.twine.processor.Sources.badWith;

import org.junit.jupiter.api.Test;

/**
 * Mistakes in what a component names: the earlier component holding its length
 * ({@code @LengthFrom}), its count ({@code @CountFrom}) or its presence ({@code @PresentIf}).
 */
class ReferenceDiagnosticsTest {

    @Test
    void namedComponentExists() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        short size,
                        @LengthFrom("length") byte[] data) implements Bad {}
                """),
                "@LengthFrom on data names \"length\", but Ping has no component of that name; name an"
                        + " earlier integer component",
                "byte[] data");
    }

    @Test
    void conditionMayNameABoolean() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @PresentIf(field = "flags", bit = 0) Integer extra) implements Bad {}
                """),
                "@PresentIf on extra names \"flags\", but Ping has no component of that name; name an"
                        + " earlier integer or boolean component",
                "Integer extra");
    }

    @Test
    void nestedPathExists() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        Header header,
                        @CountFrom("header.count") List<Short> values) implements Bad {}
                record Header(byte version, short size) {}
                """),
                "@CountFrom on values names \"header.count\", but Ping has no component of that name",
                "List<Short> values");
    }

    @Test
    void namedComponentComesEarlier() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @LengthFrom("size") byte[] data,
                        short size) implements Bad {}
                """),
                "@LengthFrom on data names \"size\", which comes after data on the wire, so it is not"
                        + " known yet when data is read; move size before data",
                "byte[] data");
    }

    @Test
    void namedComponentIsAnother() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @CountFrom("values") List<Short> values) implements Bad {}
                """),
                "@CountFrom on values names values itself; name the earlier component that holds its"
                        + " count",
                "List<Short> values");
    }

    @Test
    void namedComponentIsAnInteger() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        @FixedLength(2) String size,
                        @LengthFrom(value = "size") byte[] data) implements Bad {}
                """),
                "@LengthFrom on data names \"size\", which is java.lang.String; a length, count or"
                        + " condition must be an integer component",
                "byte[] data");
    }

    @Test
    void namedComponentIsAlwaysPresent() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        byte flags,
                        @PresentIf(field = "flags", bit = 0) Short size,
                        @LengthFrom(value = "size") byte[] data) implements Bad {}
                """),
                "@LengthFrom on data names \"size\", which is itself only sometimes present; name a"
                        + " component that is always on the wire",
                "byte[] data");
    }

    @Test
    void namedComponentIsNotInsideAConditionalRecord() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        byte flags,
                        @PresentIf(field = "flags", bit = 0) Header header,
                        @LengthFrom("header.size") byte[] data) implements Bad {}
                record Header(short size) {}
                """),
                "@LengthFrom on data names \"header.size\", which is itself only sometimes present;"
                        + " name a component that is always on the wire",
                "byte[] data");
    }

    @Test
    void subtractedComponentIsChecked() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        short total,
                        @LengthFrom(value = "total", minus = "key") byte[] data) implements Bad {}
                """),
                "@LengthFrom on data names \"key\", but Ping has no component of that name",
                "byte[] data");
    }

    @Test
    void conditionalComponentIsABox() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        byte flags,
                        @PresentIf(field = "flags", bit = 0) int extra) implements Bad {}
                """),
                "@PresentIf component extra has the primitive type int, which cannot be null when"
                        + " absent; use Integer instead",
                "int extra");
    }

    @Test
    void conditionBitIsInRange() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        long flags,
                        @PresentIf(field = "flags", bit = 64) Integer extra) implements Bad {}
                """),
                "@PresentIf bit 64 on extra is out of range; use 0 to 63, or mask or equals instead",
                "Integer extra");
    }

    @Test
    void conditionHasABitOrAMask() {
        assertOnlyError(badWith("""
                @Frame(tag = 1) record Ping(
                        byte flags,
                        @PresentIf(field = "flags", bit = 1, mask = 0x06) Integer extra) implements Bad {}
                """),
                "@PresentIf on extra sets both bit and mask; a bit is a one-bit mask, so keep one of"
                        + " them",
                "Integer extra");
    }
}
