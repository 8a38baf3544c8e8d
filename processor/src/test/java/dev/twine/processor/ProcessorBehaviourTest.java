package dev.twine.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.twine.processor.Sources.bad;
import static dev.twine.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * How the processor behaves across protocols: problems stay with their protocol and are all
 * reported, failures never escape {@code process()}, and valid input gives code without warnings.
 */
class ProcessorBehaviourTest {

    private static final JavaFileObject GOOD = source("Good", """
            @Protocol(length = @LengthField(offset = 0, width = 4),
                      tag = @TagField(offset = 4, width = 1),
                      maxFrameLength = 65536)
            public sealed interface Good {
                @Frame(tag = 1) record Ping(int id) implements Good {}
            }
            """);

    @Test
    void aBrokenProtocolReportsEveryProblemAndStopsNoOther() {
        JavaFileObject bad = bad("""
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          tag = @TagField(offset = 4, width = 1))
                public sealed interface Bad {
                    @Frame(tag = 1) record Ping(
                            char letter) implements Bad {}
                    @Frame(tag = 2) record Pong(
                            String name) implements Bad {}
                }
                """);

        FilerWatch filer = FilerWatch.recording();
        Compilation compilation = javac().withProcessors(filer).compile(bad, GOOD);

        assertThat(compilation).hadErrorContaining("@Protocol Bad has no maxFrameLength")
                .inFile(bad).onLineContaining("@Protocol");
        assertThat(compilation).hadErrorContaining("component letter has type char")
                .inFile(bad).onLineContaining("char letter");
        assertThat(compilation).hadErrorContaining("String component name has no size")
                .inFile(bad).onLineContaining("String name");
        assertThat(compilation).hadErrorCount(3);
        assertThat(filer.created).containsExactlyElementsIn(generatedFor("Good"));
    }

    @Test
    void aFrameOutsideEveryProtocolStopsNoProtocol() {
        JavaFileObject stray = source("Stray", """
                @Frame(tag = 1)
                public record Stray(int id) {}
                """);

        FilerWatch filer = FilerWatch.recording();
        Compilation compilation = javac().withProcessors(filer).compile(stray, GOOD);

        assertThat(compilation).hadErrorContaining("@Frame Stray is not permitted by any @Protocol")
                .inFile(stray).onLineContaining("record Stray");
        assertThat(compilation).hadErrorCount(1);
        assertThat(filer.created).containsExactlyElementsIn(generatedFor("Good"));
    }

    @Test
    void aFailingFilerIsAnErrorOnItsProtocolOnly() {
        JavaFileObject broken = brokenProtocol();

        FilerWatch filer = FilerWatch.failing("demo.Broken", new FilerException("disk full"));
        Compilation compilation = javac().withProcessors(filer).compile(broken, GOOD);

        assertThat(compilation)
                .hadErrorContaining("Twine's processor failed on Broken: javax.annotation.processing"
                        + ".FilerException: disk full")
                .inFile(broken).onLineContaining("sealed interface Broken");
        assertThat(compilation).hadErrorContaining("this is a bug in Twine — please report it");
        assertThat(compilation).hadErrorCount(1);
        assertThat(filer.created).containsExactlyElementsIn(generatedFor("Good"));
    }

    @Test
    void anUnexpectedExceptionIsAnErrorOnItsProtocolOnly() {
        JavaFileObject broken = brokenProtocol();

        FilerWatch filer = FilerWatch.failing("demo.Broken", new IllegalStateException("boom"));
        Compilation compilation = javac().withProcessors(filer).compile(broken, GOOD);

        assertThat(compilation)
                .hadErrorContaining("Twine's processor failed on Broken: java.lang.IllegalStateException:"
                        + " boom")
                .inFile(broken).onLineContaining("sealed interface Broken");
        assertThat(compilation).hadErrorCount(1);
        assertThat(filer.created).containsExactlyElementsIn(generatedFor("Good"));
    }

    /** The four files generated for {@code demo.<protocol>}. */
    private static List<String> generatedFor(String protocol) {
        return Stream.of("Framer", "Encoder", "Handler", "Connections")
                .map(suffix -> "demo." + protocol + suffix)
                .toList();
    }

    /** A valid protocol whose files the filer refuses to create. */
    private static JavaFileObject brokenProtocol() {
        return source("Broken", """
                @Protocol(length = @LengthField(offset = 0, width = 4),
                          maxFrameLength = 65536)
                public sealed interface Broken {
                    @Frame record Ping(int id) implements Broken {}
                }
                """);
    }

    /**
     * Every item of the vocabulary, in three protocols, compiles, and so does the code generated
     * for it, without a single lint warning. {@code -processing} is off because that lint reports
     * annotations no processor claims, {@code @Generated} among them, which says nothing about
     * the generated code.
     */
    @Test
    void theWholeVocabularyCompilesWithoutWarnings() {
        Compilation compilation = javac()
                .withProcessors(new TwineProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing")
                .compile(EVERYTHING, MQTT, LEB);

        assertThat(compilation).succeededWithoutWarnings();
        for (String protocol : List.of("Everything", "Mqtt", "Leb")) {
            for (String generated : generatedFor(protocol)) {
                assertThat(compilation).generatedSourceFile(generated).isNotNull();
            }
        }
    }

    private static final JavaFileObject EVERYTHING = source("Everything", """
            @Protocol(magic = @Magic(offset = 0, width = 2, value = 0xcafe),
                      tag = @TagField(offset = 2, width = 1),
                      length = @LengthField(offset = 3, width = 4, adjustment = -7,
                                            order = Order.LITTLE_ENDIAN),
                      maxFrameLength = 1 << 20)
            public sealed interface Everything {

                @Frame(tag = 1)
                record Numbers(byte b1, short b2, @Field(width = 3) int b3, int b4,
                               @Field(width = 5) long b5, @Field(width = 6, unsigned = true) long b6,
                               @Field(width = 7) long b7, long b8,
                               @Field(width = 1, unsigned = true) short u1,
                               @Field(width = 2, unsigned = true) int u2,
                               @Field(width = 4, unsigned = true) long u4,
                               @Field(width = 8, unsigned = true) long u8,
                               @Field(order = Order.LITTLE_ENDIAN) int little,
                               @Field(width = 3, order = Order.LITTLE_ENDIAN, unsigned = true) int little3,
                               Short boxed, boolean flag, Boolean boxedFlag, float ratio, double precise,
                               Color color, @Field(width = 2, order = Order.LITTLE_ENDIAN) Color wideColor)
                        implements Everything {}

                @Frame(tag = 2)
                record Blobs(@FixedLength(4) String code, @FixedLength(2) byte[] raw,
                             @LengthPrefix(width = 1) String prefix1,
                             @LengthPrefix(width = 2, order = Order.LITTLE_ENDIAN) byte[] prefix2,
                             @LengthPrefix(width = 4, max = 1000) String prefix4,
                             @LengthPrefix(varint = Varint.LEB128) byte[] leb,
                             @LengthPrefix(varint = Varint.MQTT) String mqtt,
                             @Ascii @Terminated String cString, @Terminated('\\n') byte[] line,
                             short keyLength, @Ascii @LengthFrom("keyLength") String key,
                             int total, @LengthFrom(value = "total", minus = "keyLength", plus = -2) byte[] value,
                             @Rest byte[] rest) implements Everything {}

                @Frame(tag = 3)
                record Lists(@CountPrefix(width = 1) List<Point> points,
                             byte count, @CountFrom("count") List<Short> shorts,
                             @LengthPrefix(width = 2) List<Color> colors,
                             @CountPrefix(varint = Varint.MQTT) List<Long> longs,
                             @CountPrefix(width = 4) List<Byte> bytes,
                             short size, @LengthFrom("size") List<Integer> ints,
                             Segment segment, @Rest List<Point> trailing) implements Everything {}

                @Frame(tag = 4)
                record Optional(byte flags, @PresentIf(field = "flags", bit = 0) Integer number,
                                @PresentIf(field = "flags", bit = 7) @LengthPrefix(width = 1) String text,
                                @PresentIf(field = "flags", bit = 1) Color color,
                                @PresentIf(field = "flags", mask = 0x0c) Long either,
                                Segment segment,
                                @PresentIf(field = "segment.from.x", equals = 2) Point point)
                        implements Everything {}

                @Frame(tag = 5)
                record Varints(@Field(varint = Varint.LEB128) long id,
                               @Field(varint = Varint.MQTT) int remaining,
                               @Field(varint = Varint.LEB128) int small,
                               @Field(varint = Varint.MQTT) long big) implements Everything {}

                @Frame(tag = {8, 9})
                record Get(@Tag int opcode, @Rest String key) implements Everything {}

                @Frame(tag = 10)
                record Empty() implements Everything {}

                enum Color { @Code(1) RED, @Code(2) GREEN, @Code(200) BLUE }

                record Point(short x, @Field(width = 3, unsigned = true) int y) {}

                record Segment(Point from, Point to) {}
            }
            """);

    /** MQTT's fixed header: the tag in the high nibble of byte 0, a varint length after it. */
    private static final JavaFileObject MQTT = source("Mqtt", """
            @Protocol(tag = @TagField(offset = 0, width = 1, shift = 4),
                      length = @LengthField(offset = 1, varint = Varint.MQTT),
                      maxFrameLength = 268435460)
            public sealed interface Mqtt {

                @Frame(tag = 3)
                record Publish(@TagFlags int flags, @LengthPrefix(width = 2) String topic,
                               @Rest byte[] payload) implements Mqtt {}

                @Frame(tag = 8, tagFlags = 2)
                record Subscribe(short packetId, @Rest byte[] topics) implements Mqtt {}

                @Frame(tag = 12)
                record PingRequest() implements Mqtt {}
            }
            """);

    /** One frame, no tag, a LEB128 length, little-endian by default. */
    private static final JavaFileObject LEB = source("Leb", """
            @Protocol(length = @LengthField(offset = 0, varint = Varint.LEB128),
                      maxFrameLength = 4096,
                      order = Order.LITTLE_ENDIAN)
            public sealed interface Leb {

                @Frame
                record Blob(int id, @Field(order = Order.BIG_ENDIAN) int bigId, @Rest byte[] data)
                        implements Leb {}
            }
            """);

    /**
     * The Twine processor with a {@link Filer} that records the name of every source file it
     * creates, and throws {@code failure} instead for names starting with {@code failFor}.
     */
    private static final class FilerWatch implements Processor {

        final List<String> created = new ArrayList<>();
        private final TwineProcessor twine = new TwineProcessor();
        private final String failFor;
        private final Exception failure;

        private FilerWatch(String failFor, Exception failure) {
            this.failFor = failFor;
            this.failure = failure;
        }

        static FilerWatch recording() {
            return new FilerWatch(null, null);
        }

        static FilerWatch failing(String failFor, Exception failure) {
            return new FilerWatch(failFor, failure);
        }

        @Override
        public void init(ProcessingEnvironment env) {
            Filer filer = env.getFiler();
            Filer watched = proxy(Filer.class, (self, method, args) -> {
                if (!method.getName().equals("createSourceFile")) {
                    return method.invoke(filer, args);
                }
                String name = args[0].toString();
                if (failFor != null && name.startsWith(failFor)) {
                    throw failure;
                }
                Object file = method.invoke(filer, args);
                created.add(name);
                return file;
            });
            twine.init(proxy(ProcessingEnvironment.class, (self, method, args) ->
                    method.getName().equals("getFiler") ? watched : method.invoke(env, args)));
        }

        private static <T> T proxy(Class<T> type, InvocationHandler handler) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
        }

        @Override
        public Set<String> getSupportedOptions() {
            return twine.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return twine.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return twine.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return twine.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return twine.getCompletions(element, annotation, member, userText);
        }
    }
}
