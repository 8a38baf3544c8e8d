package dev.twine.runtime;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * The select of a reactor's turn. A reactor uses {@link #ON_SELECTOR}; a test stands in one that
 * throws, to prove the loop outlives a select that fails — which a real selector does too rarely
 * to provoke, and which a selector of the test's own cannot fake, since channels register only
 * with the JDK's.
 */
@FunctionalInterface
interface SelectCall {

    /** The selector's own select: without waiting when {@code waitNanos} is 0 or less. */
    SelectCall ON_SELECTOR = (selector, action, waitNanos) -> waitNanos <= 0
            ? selector.selectNow(action)
            : selector.select(action, toMillis(waitNanos));

    /**
     * Selects on {@code selector}, giving each ready key to {@code action}, waiting at most
     * {@code waitNanos} ({@link Long#MAX_VALUE}: with no limit).
     *
     * @return how many keys went to {@code action}
     */
    int select(Selector selector, Consumer<SelectionKey> action, long waitNanos) throws IOException;

    private static long toMillis(long nanos) {
        if (nanos > Long.MAX_VALUE - 999_999) {
            return 0; // select(action, 0) waits with no timeout
        }
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }
}
