package dev.twine.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden tests: each case under {@code src/test/resources/golden/<case>/} is a protocol
 * ({@code input/}) and the sources the processor must generate for it ({@code expected/}), as real
 * {@code .java} files an IDE opens. Generated files are compared by source equivalence, so a
 * change in formatting alone does not fail them; a change in what the code does does.
 *
 * <p>After an intended change to the writers, run with {@code -Dtwine.golden.update=true}: the
 * expected files are rewritten from the processor's output and the test fails, so that the new
 * goldens are reviewed (as a diff) before they are accepted.
 */
class GoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("twine.golden.update");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seed", "memcached", "mqtt"})
    void generatesTheGoldenSources(String name) throws IOException {
        Path root = resource("golden/" + name);
        List<JavaFileObject> inputs = new ArrayList<>();
        for (Path file : javaFiles(root.resolve("input"))) {
            inputs.add(JavaFileObjects.forSourceString(typeOf(file), Files.readString(file)));
        }

        Compilation compilation = Compiler.javac()
                .withProcessors(new TwineProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing", "-Werror")
                .compile(inputs);

        assertThat(compilation).succeededWithoutWarnings();
        List<Path> expected = javaFiles(root.resolve("expected"));
        assertFalse(expected.isEmpty(), "no expected sources for " + name);
        if (UPDATE) {
            update(name, expected, compilation);
        }
        for (Path file : expected) {
            String type = typeOf(file);
            assertThat(compilation).generatedSourceFile(type)
                    .hasSourceEquivalentTo(JavaFileObjects.forSourceString(type, Files.readString(file)));
        }
    }

    /** Rewrites the expected files in the source tree from this compilation's output, then fails. */
    private static void update(String name, List<Path> expected, Compilation compilation) throws IOException {
        Path sources = Paths.get("src/test/resources/golden", name, "expected");
        for (Path file : expected) {
            JavaFileObject generated = compilation.generatedSourceFile(typeOf(file)).orElseThrow();
            Files.writeString(sources.resolve(file.getFileName().toString()), generated.getCharContent(true));
        }
        fail("goldens of " + name + " rewritten: review the diff, then run without -Dtwine.golden.update");
    }

    /** The qualified name of the top-level type a source file declares: its package and file name. */
    private static String typeOf(Path file) throws IOException {
        String simpleName = file.getFileName().toString().replace(".java", "");
        return Files.readAllLines(file).stream()
                .filter(line -> line.startsWith("package "))
                .map(line -> line.substring("package ".length(), line.length() - 1) + "." + simpleName)
                .findFirst()
                .orElse(simpleName);
    }

    /** The {@code .java} files in {@code dir}, in name order. */
    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static Path resource(String path) {
        URL url = GoldenTest.class.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + path);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
