package dev.twine.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Generated code declares locals and parameters of its own (the buffer, the running size, loop
 * variables, lengths of components); a user's component may have any of those names, and the
 * generated code must still compile without a warning.
 */
class NamingTest {

    @Test
    void componentsNamedLikeGeneratedLocalsDoNotClash() {
        Compilation compilation = javac()
                .withProcessors(new TwineProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing", "-Werror")
                .compile(Sources.source("Clash", """
                        @Protocol(length = @LengthField(offset = 0, width = 4),
                                  tag = @TagField(offset = 4, width = 1),
                                  maxFrameLength = 65536)
                        public sealed interface Clash permits Clash.Body, Clash.Start {

                            record Element(short out, @LengthPrefix(width = 1) String element) {}

                            @Frame(tag = 1)
                            record Body(int frame, int start, int size, int measured, int length,
                                    @LengthFrom("length") String out, int value,
                                    @LengthPrefix(width = 1) String outSize, int each, int i,
                                    @CountFrom("i") List<Element> scratch, int kind, int connection,
                                    int transport, @Rest byte[] tag) implements Clash {}

                            @Frame(tag = 2)
                            record Start(@Tag int tag, @CountPrefix(width = 1) List<Element> elements,
                                    @LengthPrefix(width = 2) List<Element> elementsCount,
                                    @Rest List<Element> frameList) implements Clash {}
                        }
                        """));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("demo.ClashFramer").isNotNull();
    }

    @Test
    void aRecordThatIsBothAFrameAndAListElementGetsHelpersOfItsOwn() {
        Compilation compilation = javac()
                .withProcessors(new TwineProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing", "-Werror")
                .compile(Sources.source("Shapes", """
                                @Protocol(length = @LengthField(offset = 0, width = 4),
                                          tag = @TagField(offset = 4, width = 1),
                                          maxFrameLength = 65536)
                                public sealed interface Shapes permits Point, Polygon {}
                                """),
                        Sources.source("Point", """
                                @Frame(tag = 1) public record Point(int x, int y) implements Shapes {}
                                """),
                        Sources.source("Polygon", """
                                @Frame(tag = 2)
                                public record Polygon(@CountPrefix(width = 1) List<Point> corners)
                                        implements Shapes {}
                                """));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("demo.ShapesFramer").contentsAsUtf8String()
                .contains("corners.add(readPointElement(frame))");
    }
}
