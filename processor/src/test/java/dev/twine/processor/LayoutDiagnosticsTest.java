package dev.twine.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.twine.processor.Sources.assertOnlyError;
import static dev.twine.processor.Sources.bad;
import static dev.twine.processor.Sources.compile;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Components that do not fit around the header fields the protocol owns. The header here is
 * memcached's shape: magic at byte 0, the tag at byte 1, the length at bytes 8..11, so a frame's
 * first components must fill bytes 2..7 exactly.
 */
class LayoutDiagnosticsTest {

    private static JavaFileObject header(String frame) {
        return bad("""
                @Protocol(magic = @Magic(offset = 0, width = 1, value = 0x80),
                          tag = @TagField(offset = 1, width = 1),
                          length = @LengthField(offset = 8, width = 4),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                %s}
                """.formatted(frame.indent(4)));
    }

    @Test
    void componentsThatFillTheGapsCompile() {
        assertThat(compile(header("""
                @Frame(tag = 0) record Get(
                        short keyLength,
                        int opaque,
                        @Rest String key) implements Bad {}
                """))).succeeded();
    }

    @Test
    void variableSizeComponentComesAfterTheHeader() {
        assertOnlyError(header("""
                @Frame(tag = 0) record Get(
                        @LengthPrefix(width = 1) String key,
                        int opaque) implements Bad {}
                """),
                "component key has a variable size, but the protocol's length field at offset 8 comes"
                        + " after it at a fixed offset; put key after the header's last owned byte"
                        + " (offset 11)",
                "String key");
    }

    @Test
    void componentDoesNotRunIntoAnOwnedField() {
        assertOnlyError(header("""
                @Frame(tag = 0) record Get(
                        short keyLength,
                        long opaque) implements Bad {}
                """),
                "component opaque takes bytes 4..11, which runs into the protocol's length field at"
                        + " offset 8; header components must fill the gaps between owned fields exactly",
                "long opaque");
    }

    @Test
    void componentsLeaveNoGapBeforeAnOwnedField() {
        assertOnlyError(header("""
                @Frame(tag = 0)
                record Get(short keyLength) implements Bad {}
                """),
                "bytes 4..7 of Get's header belong to no component (the protocol's length field at"
                        + " offset 8 follows); add components that fill them",
                "record Get");
    }
}
