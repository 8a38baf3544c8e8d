package dev.twine.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.twine.processor.Sources.badWith;
import static dev.twine.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the processor does across the records it reads and the rounds javac runs: a type read
 * twice is reported on once, two protocols cannot generate one name, and a protocol waits for
 * types another processor has yet to generate.
 */
class RoundsTest {

    @Test
    void aNestedRecordOrEnumUsedByTwoFramesIsReportedOnOnce() {
        JavaFileObject bad = badWith("""
                @Frame(tag = 1) record A(Point p, Color c) implements Bad {}
                @Frame(tag = 2) record B(Point p, Color c) implements Bad {}
                record Point(
                        @Field(width = 3) short x) {}
                enum Color {
                        RED }
                """);

        Compilation compilation = Sources.compile(bad);

        assertThat(compilation).hadErrorContaining("@Field width 3 does not suit short component x")
                .inFile(bad).onLineContaining("short x");
        assertThat(compilation).hadErrorContaining("enum constant Color.RED has no @Code")
                .inFile(bad).onLineContaining("RED");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void twoProtocolsThatWouldGenerateTheSameTypeAreAClashNotACrash() {
        String header = """
                @Protocol(length = @LengthField(offset = 0, width = 4), maxFrameLength = 64)
                """;
        JavaFileObject nested = source("Bad", """
                public class Bad {
                %s    public sealed interface P {
                        @Frame record Ping(int id) implements P {}
                    }
                }
                """.formatted(header.indent(4)));
        JavaFileObject topLevel = source("BadP", header + """
                public sealed interface BadP {
                    @Frame record Pong(int id) implements BadP {}
                }
                """);

        Compilation compilation = Sources.compile(nested, topLevel);

        assertThat(compilation).hadErrorContaining(
                        "Twine generates BadPFramer, BadPEncoder, BadPHandler, BadPConnections for @Protocol BadP")
                .inFile(topLevel).onLineContaining("interface BadP");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aTypeThatDoesNotExistIsLeftToJavacToReport() {
        JavaFileObject bad = badWith("""
                @Frame(tag = 1) record A(
                        Missing x) implements Bad {}
                """);

        Compilation compilation = Sources.compile(bad);

        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(bad)
                .onLineContaining("Missing x");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aProtocolWaitsForATypeAnotherProcessorGeneratesLater() {
        JavaFileObject protocol = source("Late", """
                @Protocol(length = @LengthField(offset = 0, width = 4), maxFrameLength = 64)
                public sealed interface Late {
                    @Frame record Carrier(Point point) implements Late {}
                }
                """);

        Compilation compilation = javac()
                .withProcessors(new TwineProcessor(), new PointGenerator())
                .compile(protocol);

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("demo.LateFramer").contentsAsUtf8String()
                .contains("new Point(pointX, pointY)");
    }

    /** Generates {@code demo.Point}, a record of two ints, in the first round. */
    private static final class PointGenerator extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer out = processingEnv.getFiler().createSourceFile("demo.Point").openWriter()) {
                    out.write("package demo;\n\npublic record Point(int x, int y) {}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
