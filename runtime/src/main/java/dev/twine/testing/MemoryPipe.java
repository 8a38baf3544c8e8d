package dev.twine.testing;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Two protocols connected in memory, client to server, with no sockets and no threads (Twisted's
 * {@code iosim}): a whole conversation runs inside a unit test, deterministically.
 *
 * <p>Nothing moves until the test calls {@link #flush()}, which delivers queued bytes — cut into
 * reads by a {@link Chunking}, so the same conversation can be replayed byte by byte or at seeded
 * random points — and carries out closes, aborts and writability changes, until neither side has
 * anything left to do. The semantics are the reactor's: callbacks never nest; bytes that a paused
 * protocol leaves unconsumed wait for it to resume; {@code close()} delivers what was written
 * before it and then the peer sees end of stream ({@link CloseReason.Kind#PEER_CLOSED});
 * {@code abort()} drops what was written and the peer sees end of stream too, as the reactor's
 * sockets give it (a real network may show the peer a reset instead);
 * bytes queued for a peer that does not read count against the writer's watermarks and limit; an
 * exception from a callback aborts that side with {@link CloseReason.Kind#FAILED}. For latency,
 * flow control through a window, resets and simulated time, use {@link SimulatedNetwork}.
 *
 * <pre>{@code
 * var server = new EchoProtocol();
 * var client = new RecordingClient();
 * var pipe = MemoryPipe.connect(client, server, Chunking.random(seed, 7));
 * pipe.client().write(request);
 * pipe.flush();
 * assertEquals(expected, client.received());
 * }</pre>
 */
public final class MemoryPipe {

    private final MemoryTransport client;
    private final MemoryTransport server;
    private final Chunking chunking;
    private ByteBuffer scratch = ByteBuffer.allocate(4096);

    private MemoryPipe(Protocol clientProtocol, Protocol serverProtocol, Chunking chunking) {
        this.chunking = Objects.requireNonNull(chunking, "chunking");
        InetSocketAddress clientAddress = new InetSocketAddress("127.0.0.1", 40000);
        InetSocketAddress serverAddress = new InetSocketAddress("127.0.0.1", 7000);
        // Nothing moves until flush(), so there is nobody to wake; a closed side's peer sees the end
        // at once, as there is nothing in between.
        MemoryTransport.Carrier carrier = new MemoryTransport.Carrier() {
            @Override
            public void wake() {}

            @Override
            public void closed(MemoryTransport side) {
                peerOf(side).endOfStreamArrived();
            }
        };
        this.client = new MemoryTransport("MemoryPipe.client", clientProtocol, clientAddress, serverAddress, carrier);
        this.server = new MemoryTransport("MemoryPipe.server", serverProtocol, serverAddress, clientAddress, carrier);
    }

    /** Connects the two protocols, every write delivered whole. */
    public static MemoryPipe connect(Protocol client, Protocol server) {
        return connect(client, server, Chunking.whole());
    }

    /**
     * Connects the two protocols — both hear {@code onConnect}, server first — with reads in both
     * directions cut by {@code chunking}. Nothing else happens until {@link #flush()}.
     */
    public static MemoryPipe connect(Protocol client, Protocol server, Chunking chunking) {
        MemoryPipe pipe = new MemoryPipe(Objects.requireNonNull(client, "client"),
                Objects.requireNonNull(server, "server"), chunking);
        pipe.server.connect();
        pipe.client.connect();
        return pipe;
    }

    /** The client side's transport: what the client protocol writes to. */
    public Transport client() {
        return client;
    }

    /** The server side's transport: what the server protocol writes to. */
    public Transport server() {
        return server;
    }

    /**
     * Delivers bytes and carries out closes and writability changes, alternating between the two
     * directions one read at a time, until nothing is left to do.
     *
     * @return how many bytes were delivered (or dropped on their way to a side that was closing)
     */
    public long flush() {
        long delivered = 0;
        boolean progress = true;
        while (progress) {
            long before = delivered;
            boolean acted = step(client) | step(server);
            delivered += transfer(client) + transfer(server);
            progress = acted || delivered != before;
        }
        return delivered;
    }

    /** True once both sides have closed and heard {@code onClose}. */
    public boolean isClosed() {
        return client.closeNotified() && server.closeNotified();
    }

    private MemoryTransport peerOf(MemoryTransport side) {
        return side == client ? server : client;
    }

    /** One round of bookkeeping for {@code side}; true if it did anything. */
    private boolean step(MemoryTransport side) {
        MemoryTransport peer = peerOf(side);
        boolean acted = side.seeEndOfStream(peer.pending() == 0);
        // Bytes for a peer that is gone can never be delivered; a close does not wait for them.
        if (side.isClosing() && (side.pending() == 0 || peer.isClosed())) {
            side.finishClosing();
            acted = true;
        }
        return side.notifyProtocol() | acted;
    }

    /**
     * Delivers one read's worth of {@code from}'s queued bytes to its peer, if the peer reads; a
     * peer that is closing does not read, and what it is sent is dropped, as a socket's kernel
     * buffer takes bytes that a closing program will never read.
     *
     * @return how many bytes left {@code from}'s queue
     */
    private int transfer(MemoryTransport from) {
        MemoryTransport to = peerOf(from);
        int queued = from.pending();
        if (queued == 0) {
            return 0;
        }
        if (to.isClosing()) {
            from.sent(queued);
            return queued;
        }
        if (!to.isReading()) {
            return 0;
        }
        int size = chunking.next(queued);
        if (scratch.capacity() < size) {
            scratch = ByteBuffer.allocate(Math.max(size, scratch.capacity() * 2));
        }
        scratch.clear();
        from.copyPending(scratch, size);
        scratch.flip();
        int done = to.deliver(scratch);
        from.sent(done);
        return done;
    }
}
