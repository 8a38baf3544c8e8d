package dev.twine.it.memcached;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.ExampleProcess;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The memcached example against libmemcached's {@code memccapable}, a conformance checker nobody on
 * this team wrote, in both protocols: every test must pass. Real memcached goes through the same
 * harness first, so that a failure is the example's and not the harness's (or this machine's).
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Memccapable.Protocol.class)
    void theTwineServerPassesEveryTest(Memccapable.Protocol protocol) throws Exception {
        try (ExampleProcess server = ExampleProcess.start("memcached")) {
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
