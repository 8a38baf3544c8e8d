package dev.twine.benchmarks.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by one server process, read from Linux's {@code /proc/PID/stat}. Compared
 * with wall time over a measurement window it says how busy the server's core was, which is what
 * tells a server-bound run (server near 100 %) from one the load client held back.
 */
final class ProcessCpu {

    /** Linux reports process times in clock ticks of 1/100 s to user space on every architecture we run. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** Field numbers (1-based, as in proc(5)) of user and system time. */
    private static final int UTIME_FIELD = 14;

    /** For a process that could not be found: every reading is unknown. */
    static final ProcessCpu UNKNOWN = new ProcessCpu(null);

    private final Path stat;

    private ProcessCpu(Path stat) {
        this.stat = stat;
    }

    static ProcessCpu of(ProcessHandle process) {
        return new ProcessCpu(Path.of("/proc", Long.toString(process.pid()), "stat"));
    }

    /** User plus system CPU time in nanoseconds, or -1 where {@code /proc} cannot say. */
    long nanos() {
        if (stat == null) {
            return -1;
        }
        final String line;
        try {
            line = Files.readString(stat);
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
        // The command name (field 2) is in parentheses and may contain spaces: count from after it.
        final String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        final int utime = UTIME_FIELD - 3;
        return (Long.parseLong(fields[utime]) + Long.parseLong(fields[utime + 1])) * NANOS_PER_TICK;
    }
}
