package dev.twine.it.support;

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
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        var threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
