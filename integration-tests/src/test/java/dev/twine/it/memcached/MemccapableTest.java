package dev.twine.it.memcached;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.ExampleProcess;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memcached example against libmemcached's {@code memccapable}, a conformance checker nobody on
 * this team wrote, in both protocols: every test must pass. Real memcached goes through the same
 * harness first, so that a failure is the example's and not the harness's (or this machine's).
 * The Twine server runs on one reactor, and on four with its cache partitioned between them, where
 * most of memccapable's pipelined requests go to another reactor and their answers must still come
 * back in order.
 */
@Timeout(300)
class MemccapableTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Memccapable.Protocol.class)
    void realMemcachedPassesEveryTest(Memccapable.Protocol protocol) throws Exception {
        try (RealMemcached memcached = RealMemcached.start()) {
            assertPasses("memcached", memcached.address(), protocol, "");
        }
    }

    /** Each protocol, against the server on 1 reactor and on 4. */
    static Stream<Arguments> protocolsAndThreads() {
        return Arrays.stream(Memccapable.Protocol.values())
                .flatMap(protocol -> Stream.of(Arguments.of(protocol, 1), Arguments.of(protocol, 4)));
    }

    @ParameterizedTest(name = "{0}, --threads {1}")
    @MethodSource("protocolsAndThreads")
    void theTwineServerPassesEveryTest(Memccapable.Protocol protocol, int threads) throws Exception {
        try (ExampleProcess server = ExampleProcess.start("memcached", "--threads", Integer.toString(threads))) {
            assertPasses("the Twine server", server.address(), protocol, "\nserver stderr:\n" + server.stderr());
            assertTrue(server.isAlive(), "the server exited:\n" + server.stderr());
        }
    }

    private static void assertPasses(String server, InetSocketAddress address, Memccapable.Protocol protocol,
            String context) throws Exception {
        Memccapable.Report report = Memccapable.run(address, protocol);
        assertTrue(report.allPassed(), () -> "memccapable " + protocol.flag + " against " + server + " at " + address
                + ": exit code " + report.exitCode() + ", not passed: " + report.notPassed()
                + "\n--- memccapable's output ---\n" + report.output() + context);
    }
}
