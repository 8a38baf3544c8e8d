package dev.twine.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** The small protocols the processor's tests compile, and compiling them with the processor. */
final class Sources {

    private static final String IMPORTS = """
            package demo;

            import dev.twine.annotations.*;
            import java.util.List;

            """;

    private Sources() {}

    /** {@code demo.<simpleName>}: {@code body} after the package and the vocabulary's imports. */
    static JavaFileObject source(String simpleName, String body) {
        return JavaFileObjects.forSourceString("demo." + simpleName, IMPORTS + body);
    }

    /** {@code demo.Bad}, written out in full. */
    static JavaFileObject bad(String body) {
        return source("Bad", body);
    }

    /**
     * {@code demo.Bad}, a valid protocol (a 4-byte length, then a 1-byte tag) around
     * {@code members}: frame records that implement {@code Bad}, and the types they use.
     */
    static JavaFileObject badWith(String members) {
        return bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          tag = @TagField(offset = 4, width = 1),
                          maxFrameLength = 65536)
                public sealed interface Bad {
                %s}
                """.formatted(members.indent(4)));
    }

    static Compilation compile(JavaFileObject... files) {
        return javac().withProcessors(new TwineProcessor()).compile(files);
    }

    /**
     * Compiles {@code file} and asserts that its one error contains {@code message} and is on the
     * line containing {@code line}.
     */
    static void assertOnlyError(JavaFileObject file, String message, String line) {
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
        assertThat(compilation).hadErrorCount(1);
    }
}
