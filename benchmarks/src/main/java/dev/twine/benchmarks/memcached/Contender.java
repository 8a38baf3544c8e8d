package dev.twine.benchmarks.memcached;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three servers of the memcached comparison, each started the same way by
 * {@link dev.twine.benchmarks.harness.ServerProcess}: the same memory limit (large enough that
 * no run evicts an item, so every get is a hit everywhere and each server does the same work), the
 * same largest item (1 MiB, memcached's default), one serving thread. The two Java servers run on
 * the JDK running this comparison with the same options.
 */
enum Contender {

    /** The Twine memcached example, from the examples module's runnable jar. */
    TWINE("Twine example") {
        @Override
        List<String> command(int port, int memoryMb) {
            return twine(port, memoryMb, 1);
        }
    },

    /** Real memcached with one worker thread; {@code -u} is required when run as root, ignored otherwise. */
    MEMCACHED("memcached -t 1") {
        @Override
        List<String> command(int port, int memoryMb) {
            return List.of("memcached", "-t", "1", "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0",
                    "-m", Integer.toString(memoryMb), "-u", System.getProperty("user.name"));
        }
    },

    /**
     * {@link NettyMemcachedServer}, from this JVM's own class path, with buffer leak detection off
     * as a production deployment runs it (its default samples allocations and records stack traces).
     */
    NETTY("Netty 1 loop") {
        @Override
        List<String> command(int port, int memoryMb) {
            return java(List.of("-Dio.netty.leakDetection.level=disabled",
                    "-cp", System.getProperty("java.class.path"), NettyMemcachedServer.class.getName(),
                    "--port", Integer.toString(port), "--memory-mb", Integer.toString(memoryMb)));
        }
    };

    /**
     * The options of both Java servers: a fixed heap comfortably above the item memory limit, so
     * that neither resizes its heap during a run nor runs short of it, and the serial collector,
     * which the JVM picks by itself on the one CPU a server is pinned to, named so that an
     * unpinned run does not switch to another.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xms3g", "-Xmx3g", "-XX:+UseSerialGC");

    /** Overrides where the Twine example's jar is. */
    static final String EXAMPLES_JAR_PROPERTY = "twine.examples.jar";

    private final String label;

    Contender(String label) {
        this.label = label;
    }

    /** A short name for tables. */
    String label() {
        return label;
    }

    /** The command line that serves memcached's binary protocol on {@code 127.0.0.1:port}. */
    abstract List<String> command(int port, int memoryMb);

    /** The Twine example with {@code reactors} reactor threads ({@code --threads}), the cache partitioned between them. */
    static List<String> twine(int port, int memoryMb, int reactors) {
        return java(List.of("-jar", examplesJar().toString(), "memcached", "--port", Integer.toString(port),
                "--memory-mb", Integer.toString(memoryMb), "--threads", Integer.toString(reactors)));
    }

    private static List<String> java(List<String> arguments) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(arguments);
        return command;
    }

    /**
     * {@code examples/target/twine-examples.jar} beside the benchmarks module this class was
     * loaded from ({@code benchmarks/target/classes} or {@code benchmarks/target/twine-benchmarks.jar}),
     * unless {@value #EXAMPLES_JAR_PROPERTY} names it.
     */
    static Path examplesJar() {
        final String configured = System.getProperty(EXAMPLES_JAR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            final Path loadedFrom = Path.of(Contender.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path jar = loadedFrom.getParent().getParent().getParent()
                    .resolve(Path.of("examples", "target", "twine-examples.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no Twine example jar at " + jar
                        + "; build it (mvn -pl benchmarks -am package) or pass -D" + EXAMPLES_JAR_PROPERTY + "=PATH");
            }
            return jar;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the benchmarks were loaded from", e);
        }
    }
}
