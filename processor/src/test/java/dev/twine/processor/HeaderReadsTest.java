package dev.twine.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.twine.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.twine.framing.FrameSink;
import dev.twine.framing.HeaderFramer;
import dev.twine.framing.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The length and tag reads a generated framer overrides ({@code HeaderFramer.lengthAt} and
 * {@code rawTagAt}), for every width from 1 to 8 in both orders: each is compared with the
 * runtime's generic read ({@link Wire#getUnsigned}, which the defaults go through) on seeded random
 * headers, and a frame is decoded through it.
 */
class HeaderReadsTest {

    private static final int HEADERS = 2000;

    /** The framers of every protocol below, compiled and loaded once. */
    private static ClassLoader compiled;

    /**
     * One width and order: a protocol whose frame starts with a byte of its own, then the length
     * field, then the tag.
     */
    record Shape(int width, boolean bigEndian) {
        String name() {
            return "W" + width + (bigEndian ? "Big" : "Little");
        }

        int lengthOffset() {
            return 1;
        }

        int tagOffset() {
            return 1 + width;
        }

        JavaFileObject protocol() {
            return source(name(), """
                    @Protocol(length = @LengthField(offset = %d, width = %d),
                              tag = @TagField(offset = %d, width = %d),
                              maxFrameLength = 64, order = Order.%s)
                    public sealed interface %s {
                        @Frame(tag = 1) record Ping(byte first) implements %s {}
                    }
                    """.formatted(lengthOffset(), width, tagOffset(), width,
                    bigEndian ? "BIG_ENDIAN" : "LITTLE_ENDIAN", name(), name()));
        }

        HeaderFramer<?> framer() {
            try {
                return (HeaderFramer<?>) compiled.loadClass("demo." + name() + "Framer")
                        .getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    static Stream<Shape> shapes() {
        return IntStream.rangeClosed(1, 8).boxed()
                .flatMap(width -> Stream.of(new Shape(width, true), new Shape(width, false)));
    }

    @BeforeAll
    static void compileEveryShape() {
        Compilation compilation = Sources.compile(shapes().map(Shape::protocol).toArray(JavaFileObject[]::new));
        assertThat(compilation).succeededWithoutWarnings();
        compiled = new CompiledClasses(compilation.generatedFiles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theGeneratedReadsEqualTheGenericOnes(Shape shape) throws ReflectiveOperationException {
        HeaderFramer<?> framer = shape.framer();
        Method lengthAt = hook(framer, "lengthAt");
        Method rawTagAt = hook(framer, "rawTagAt");
        Random random = new Random(shape.width() * 2 + (shape.bigEndian() ? 1 : 0));

        for (int i = 0; i < HEADERS; i++) {
            byte[] bytes = new byte[1 + 2 * shape.width() + random.nextInt(8)];
            // Every byte 0xFF now and then: the top bit of each part of an odd width set at once.
            if (i % 10 == 0) {
                Arrays.fill(bytes, (byte) 0xFF);
            } else {
                random.nextBytes(bytes);
            }
            ByteBuffer frame = i % 2 == 0 ? ByteBuffer.wrap(bytes)
                    : ByteBuffer.allocateDirect(bytes.length).put(bytes).clear();
            int start = random.nextInt(bytes.length - 2 * shape.width());

            assertEquals(generic(frame, start + shape.lengthOffset(), shape),
                    (long) call(lengthAt, framer, frame, start), "the length of " + hex(bytes) + " from " + start);
            assertEquals(generic(frame, start + shape.tagOffset(), shape),
                    (long) call(rawTagAt, framer, frame, start), "the tag of " + hex(bytes) + " from " + start);
            assertEquals(0, frame.position(), "the reads are absolute");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aFrameIsDecodedThroughTheGeneratedReads(Shape shape) {
        int width = shape.width();
        // The first byte, the length, counting the tag after it, and the tag.
        ByteBuffer frame = ByteBuffer.allocate(1 + 2 * width).put((byte) 0xA5);
        Wire.putInteger(frame, width, width, shape.bigEndian());
        Wire.putInteger(frame, 1, width, shape.bigEndian());
        List<String> frames = new ArrayList<>();

        shape.framer().decode(frame.flip(), new FrameSink<Object>() {
            @Override
            public void onFrame(Object decoded) {
                throw new AssertionError("a generated framer delivers frames with their kind");
            }

            @Override
            public void onFrameOfKind(int kind, Object decoded) {
                frames.add(kind + ":" + decoded);
            }
        });

        assertEquals(List.of("0:Ping[first=-91]"), frames);
    }

    /** The header read {@code name}, which the generated framer must declare itself. */
    private static Method hook(HeaderFramer<?> framer, String name) throws NoSuchMethodException {
        framer.getClass().getDeclaredMethod(name, ByteBuffer.class, int.class);
        Method method = HeaderFramer.class.getDeclaredMethod(name, ByteBuffer.class, int.class);
        method.setAccessible(true);
        return method;
    }

    private static Object call(Method hook, HeaderFramer<?> framer, ByteBuffer frame, int start)
            throws IllegalAccessException {
        try {
            return hook.invoke(framer, frame, start);
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private static long generic(ByteBuffer frame, int at, Shape shape) {
        return Wire.getUnsigned(frame.duplicate().position(at), shape.width(), shape.bigEndian());
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** Loads the classes a compilation wrote, and everything else from the test's class path. */
    private static final class CompiledClasses extends ClassLoader {
        private final Map<String, JavaFileObject> classes = new HashMap<>();

        CompiledClasses(List<JavaFileObject> generated) {
            super(HeaderReadsTest.class.getClassLoader());
            for (JavaFileObject file : generated) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    // Named /CLASS_OUTPUT/demo/W1BigFramer.class
                    String path = file.getName().substring("/CLASS_OUTPUT/".length());
                    classes.put(path.replace(".class", "").replace('/', '.'), file);
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JavaFileObject file = classes.get(name);
            if (file == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = file.openInputStream()) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
