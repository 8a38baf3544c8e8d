package dev.twine.examples.memcached;

import dev.twine.runtime.Protocol;
import dev.twine.runtime.Reactor;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A partitioned server on several reactors that the test thread owns and steps itself, one turn of
 * one reactor at a time, in a seeded random order: the answers of different partitions come back
 * in whatever order the seed makes, and the same seed makes it again. Clients connect in memory to
 * one reactor's server each.
 */
final class SteppedServer implements AutoCloseable {

    private final List<Reactor> reactors = new ArrayList<>();
    private final List<MemcachedServer> servers;
    private final List<MemoryPipe> pipes = new ArrayList<>();
    private final SplittableRandom random;

    SteppedServer(int reactorCount, long seed, long memoryLimit, int maxItemBytes) {
        for (int i = 0; i < reactorCount; i++) {
            reactors.add(Reactor.open());
        }
        servers = MemcachedServer.partitioned(reactors, memoryLimit, maxItemBytes);
        random = new SplittableRandom(seed);
    }

    /** The server of reactor {@code index}. */
    MemcachedServer server(int index) {
        return servers.get(index);
    }

    Reactor reactor(int index) {
        return reactors.get(index);
    }

    /** Connects {@code client} to reactor {@code index}'s server, reads cut by {@code chunking}. */
    MemoryPipe connect(Protocol client, int index, Chunking chunking) {
        MemoryPipe pipe = MemoryPipe.connect(client, servers.get(index).factory().newProtocol(), chunking);
        pipes.add(pipe);
        return pipe;
    }

    /**
     * Moves bytes and runs reactor turns until nothing is left to do: each round flushes the
     * pipes, then runs one turn of each reactor, in a fresh random order, with a flush of the
     * pipes now and then between two of them.
     */
    void settle() {
        boolean moved = true;
        while (moved) {
            moved = flushPipes();
            for (int index : shuffledIndexes()) {
                moved |= reactors.get(index).runOnce(Duration.ZERO) > 0;
                if (random.nextInt(3) == 0) {
                    moved |= flushPipes();
                }
            }
        }
    }

    /** Runs {@code count} turns of reactors picked at random, flushing the pipes now and then. */
    void turns(int count) {
        for (int i = 0; i < count; i++) {
            reactors.get(random.nextInt(reactors.size())).runOnce(Duration.ZERO);
            if (random.nextBoolean()) {
                flushPipes();
            }
        }
    }

    /** Runs one turn of reactor {@code index} and nothing else. */
    int turn(int index) {
        return reactors.get(index).runOnce(Duration.ZERO);
    }

    private boolean flushPipes() {
        long moved = 0;
        for (MemoryPipe pipe : pipes) {
            moved += pipe.flush();
        }
        return moved > 0;
    }

    private int[] shuffledIndexes() {
        int[] order = new int[reactors.size()];
        for (int i = 0; i < order.length; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        return order;
    }

    @Override
    public void close() {
        reactors.forEach(Reactor::close);
    }
}
