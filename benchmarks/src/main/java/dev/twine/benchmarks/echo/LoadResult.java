package dev.twine.benchmarks.echo;

import org.HdrHistogram.Histogram;

/**
 * What the load client measured against one server over one or more windows: replies completed,
 * the time they took, every request's latency, and how busy each side's CPU was.
 *
 * @param requests replies completed inside the windows
 * @param nanos the windows' total length
 * @param latency request-to-reply time of each of those requests, in nanoseconds
 * @param clientCpuNanos CPU time the load client's thread used in the windows
 * @param serverCpuNanos CPU time the server process used in the windows, or negative if unknown
 */
record LoadResult(long requests, long nanos, Histogram latency, long clientCpuNanos, long serverCpuNanos) {

    /** Both measurements pooled, as if they were one window: how rounds of one server add up. */
    LoadResult plus(LoadResult other) {
        final Histogram pooled = latency.copy();
        pooled.add(other.latency);
        return new LoadResult(requests + other.requests, nanos + other.nanos, pooled,
                clientCpuNanos + other.clientCpuNanos,
                serverCpuNanos < 0 || other.serverCpuNanos < 0 ? -1 : serverCpuNanos + other.serverCpuNanos);
    }

    double requestsPerSecond() {
        return requests * 1e9 / nanos;
    }

    double p50Micros() {
        return latency.getValueAtPercentile(50) / 1e3;
    }

    double p99Micros() {
        return latency.getValueAtPercentile(99) / 1e3;
    }

    /**
     * Server CPU time per request in microseconds; NaN if unknown. On a shared machine this moves
     * far less than throughput does, because time the server spends waiting for the CPU is not in it.
     */
    double serverMicrosPerRequest() {
        return serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e3 / requests;
    }

    /** Client CPU time per request in microseconds: the load generator's own cost, to set beside the server's. */
    double clientMicrosPerRequest() {
        return clientCpuNanos / 1e3 / requests;
    }

    /** Share of one core the client used, 0 to 1. */
    double clientCpu() {
        return (double) clientCpuNanos / nanos;
    }

    /** Share of one core the server used, 0 to 1; NaN if unknown. */
    double serverCpu() {
        return serverCpuNanos < 0 ? Double.NaN : (double) serverCpuNanos / nanos;
    }
}
