package dev.twine.framing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** How much the current thread allocates, from HotSpot's per-thread counter. */
public final class Allocations {

    private Allocations() {}

    /**
     * The bytes this thread allocated while running {@code action}. Skips the test on a JVM without
     * the counter.
     */
    public static long during(Runnable action) {
        var threads = counter();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** The counter itself, for a test that reads it around several steps. */
    static com.sun.management.ThreadMXBean counter() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        var threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        return threads;
    }
}
