package dev.twine.it.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocols whose generated sources once did not compile, or gave warnings. Should one regress, it
 * could not live in this module as an ordinary source (the module would not build), so each is
 * compiled here, with the processor, by the JDK's compiler.
 */
class GeneratedSourcesCompileTest {

    @TempDir
    Path dir;

    /**
     * {@code PEncoder}'s generic methods bind each frame to a local named after it; a frame whose
     * name is a keyword once lower-cased ({@code Default}) must not give {@code default}.
     */
    @Test
    void aFrameNamedLikeAKeywordCompiles() throws IOException {
        String errors = compile(Map.of("kw/Replies.java", """
                package kw;

                import dev.twine.annotations.*;

                @Protocol(length = @LengthField(offset = 0, width = 2), tag = @TagField(offset = 2, width = 1),
                          maxFrameLength = 1024)
                public sealed interface Replies permits Replies.Default, Replies.Continue {
                    @Frame(tag = 1) record Default(int code) implements Replies {}
                    @Frame(tag = 2) record Continue() implements Replies {}
                }
                """), "error");

        assertEquals("", errors);
    }

    /**
     * The helpers for list elements and enums are named after the type's simple name (with its
     * enclosing types); two of the same name from different packages must still get helpers of
     * their own ({@code readPoint}, {@code readPoint2}).
     */
    @Test
    void elementRecordsAndEnumsOfTheSameNameFromTwoPackagesCompile() throws IOException {
        String errors = compile(Map.of(
                "two/a/Point.java", "package two.a; public record Point(byte x) {}",
                "two/b/Point.java", "package two.b; public record Point(short y) {}",
                "two/a/Kind.java", "package two.a; public enum Kind { @dev.twine.annotations.Code(1) ONE }",
                "two/b/Kind.java", "package two.b; public enum Kind { @dev.twine.annotations.Code(2) TWO }",
                "two/Shapes.java", """
                package two;

                import dev.twine.annotations.*;
                import java.util.List;

                @Protocol(length = @LengthField(offset = 0, width = 2), maxFrameLength = 1024)
                public sealed interface Shapes permits Shapes.Both {
                    @Frame record Both(@CountPrefix(width = 1) List<two.a.Point> as,
                                       @CountPrefix(width = 1) List<two.b.Point> bs,
                                       two.a.Kind first, two.b.Kind second) implements Shapes {}
                }
                """), "error");

        assertEquals("", errors);
    }

    /**
     * The generated sources promise no warnings under {@code -Xlint:all} (docs/generated-code.md):
     * an {@code int} {@code @Tag} in a 4-byte tag field is written without a cast to int.
     */
    @Test
    void anIntTagInAFourByteTagFieldCompilesWithoutWarnings() throws IOException {
        String warnings = compile(Map.of("lint/Requests.java", """
                package lint;

                import dev.twine.annotations.*;

                @Protocol(length = @LengthField(offset = 0, width = 4), tag = @TagField(offset = 4, width = 4),
                          maxFrameLength = 1024)
                public sealed interface Requests permits Requests.Get {
                    @Frame(tag = {1, 2}) record Get(@Tag int opcode, long key) implements Requests {}
                }
                """), "warning: [");

        assertEquals("", warnings);
    }

    /**
     * Compiles {@code sources} (path to text) with the processor and {@code -Xlint:all}; returns
     * javac's messages about generated files that contain {@code kind}, or "".
     */
    private String compile(Map<String, String> sources, String kind) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK's compiler");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = dir.resolve("src").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> arguments = new ArrayList<>(List.of(
                "-classpath", System.getProperty("java.class.path"),
                "-processor", "dev.twine.processor.TwineProcessor",
                "-s", out.toString(), "-d", out.toString(), "-Xlint:all"));
        arguments.addAll(files);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        javac.run(null, null, output, arguments.toArray(String[]::new));
        return output.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith(out.toString()) && line.contains(kind))
                .collect(Collectors.joining("\n"));
    }
}
