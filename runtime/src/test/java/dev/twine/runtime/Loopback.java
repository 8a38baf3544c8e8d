package dev.twine.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small helpers for tests that step a reactor over real loopback sockets on the test thread. */
final class Loopback {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Loopback() {}

    static InetSocketAddress anyPort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    static Recorder connect(Reactor reactor, ListeningPort port, Recorder client) {
        reactor.connectTcp(port.localAddress(), client, e -> fail("connect failed: " + e));
        return client;
    }

    static void await(Reactor reactor, String what, BooleanSupplier condition) {
        assertTrue(reactor.runUntil(condition, PATIENCE), "timed out waiting until " + what);
    }
}
