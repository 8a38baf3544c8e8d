package dev.twine.testing;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import dev.twine.runtime.WriteBufferLimits;
import dev.twine.runtime.WriteBufferOverflowException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
 * exception from a callback aborts that side with {@link CloseReason.Kind#FAILED}.
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

    private final Endpoint client;
    private final Endpoint server;
    private final Chunking chunking;
    private ByteBuffer scratch = ByteBuffer.allocate(4096);

    private MemoryPipe(Protocol clientProtocol, Protocol serverProtocol, Chunking chunking) {
        this.chunking = Objects.requireNonNull(chunking, "chunking");
        InetSocketAddress clientAddress = new InetSocketAddress("127.0.0.1", 40000);
        InetSocketAddress serverAddress = new InetSocketAddress("127.0.0.1", 7000);
        this.client = new Endpoint("client", clientProtocol, clientAddress, serverAddress);
        this.server = new Endpoint("server", serverProtocol, serverAddress, clientAddress);
        client.peer = server;
        server.peer = client;
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
            boolean acted = client.step() | server.step();
            delivered += transfer(client) + transfer(server);
            progress = acted || delivered != before;
        }
        return delivered;
    }

    /** True once both sides have closed and heard {@code onClose}. */
    public boolean isClosed() {
        return client.closeNotified && server.closeNotified;
    }

    /**
     * Delivers one read's worth of {@code from}'s queued bytes to its peer, if the peer reads; a
     * peer that is closing does not read, and what it is sent is dropped, as a socket's kernel
     * buffer takes bytes that a closing program will never read.
     *
     * @return how many bytes left {@code from}'s queue
     */
    private int transfer(Endpoint from) {
        Endpoint to = from.peer;
        if (from.queue.isEmpty()) {
            return 0;
        }
        if (to.state == State.CLOSING) {
            int dropped = from.queue.size();
            from.queue.discard(dropped);
            from.limits.update(0);
            return dropped;
        }
        if (!to.isReading()) {
            return 0;
        }
        int size = chunking.next(from.queue.size());
        if (scratch.capacity() < size) {
            scratch = ByteBuffer.allocate(Math.max(size, scratch.capacity() * 2));
        }
        scratch.clear();
        from.queue.copyTo(scratch, size);
        scratch.flip();
        to.receive(scratch);
        // A protocol that paused mid-read keeps its unconsumed bytes waiting, in order; otherwise
        // what it left is discarded, as on a socket.
        boolean keepRest = to.state == State.OPEN && to.readingPaused;
        from.queue.discard(keepRest ? scratch.position() : size);
        from.limits.update(from.queue.size());
        return keepRest ? scratch.position() : size;
    }

    private enum State { OPEN, CLOSING, CLOSED }

    private final class Endpoint implements Transport {
        final String name;
        final Protocol protocol;
        final SocketAddress localAddress;
        final SocketAddress remoteAddress;
        final ByteQueue queue = new ByteQueue();
        final WriteBufferLimits limits = new WriteBufferLimits();
        Endpoint peer;
        State state = State.OPEN;
        CloseReason reason;
        boolean closeNotified;
        boolean readingPaused;
        /** The peer finished sending: end of stream, seen once everything before it is read. */
        boolean endOfStream;

        Endpoint(String name, Protocol protocol, SocketAddress localAddress, SocketAddress remoteAddress) {
            this.name = name;
            this.protocol = protocol;
            this.localAddress = localAddress;
            this.remoteAddress = remoteAddress;
        }

        void connect() {
            try {
                protocol.onConnect(this);
            } catch (Throwable t) {
                abortWith(CloseReason.failed(t));
            }
        }

        boolean isReading() {
            return state == State.OPEN && !readingPaused;
        }

        void receive(ByteBuffer data) {
            try {
                protocol.onBytes(data);
            } catch (Throwable t) {
                abortWith(CloseReason.failed(t));
            }
        }

        /** One round of bookkeeping; true if it did anything. */
        boolean step() {
            boolean acted = false;
            if (endOfStream && isReading() && peer.queue.isEmpty()) {
                beginClosing(CloseReason.peerClosed());
                acted = true;
            }
            // Bytes for a peer that is gone can never be delivered; a close does not wait for them.
            if (state == State.CLOSING && (queue.isEmpty() || peer.state == State.CLOSED)) {
                finishClosing(reason);
                acted = true;
            }
            Boolean change;
            while (state != State.CLOSED && (change = limits.nextChange()) != null) {
                acted = true;
                try {
                    protocol.onWritabilityChanged(change);
                } catch (Throwable t) {
                    abortWith(CloseReason.failed(t));
                }
            }
            if (state == State.CLOSED && !closeNotified) {
                closeNotified = true;
                acted = true;
                try {
                    protocol.onClose(reason);
                } catch (Throwable t) {
                    // As on a reactor: nothing is called after onClose, so there is nobody to tell.
                }
            }
            return acted;
        }

        private void beginClosing(CloseReason why) {
            if (state == State.OPEN) {
                state = State.CLOSING;
                reason = why;
            }
        }

        /** Closes this side, dropping what it has not delivered; the peer sees end of stream. */
        private void finishClosing(CloseReason why) {
            state = State.CLOSED;
            reason = why;
            queue.clear();
            peer.endOfStream = true;
        }

        private void abortWith(CloseReason why) {
            if (state != State.CLOSED) {
                finishClosing(why);
            }
        }

        @Override
        public void write(ByteBuffer data) {
            int length = data.remaining();
            if (admit(length)) {
                queue.append(data);
                limits.update(queue.size());
            }
            data.position(data.limit());
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, data.length);
            if (admit(length)) {
                queue.append(ByteBuffer.wrap(data, offset, length));
                limits.update(queue.size());
            }
        }

        private boolean admit(int length) {
            if (state != State.OPEN || length == 0) {
                return false;
            }
            WriteBufferOverflowException overflow = limits.checkLimit((long) queue.size() + length);
            if (overflow != null) {
                abortWith(CloseReason.failed(overflow));
                return false;
            }
            return true;
        }

        @Override
        public void close() {
            beginClosing(CloseReason.closed());
        }

        @Override
        public void abort() {
            abortWith(CloseReason.aborted());
        }

        @Override
        public void abort(Throwable cause) {
            abortWith(CloseReason.failed(Objects.requireNonNull(cause, "cause")));
        }

        @Override
        public boolean isOpen() {
            return state == State.OPEN;
        }

        @Override
        public void pauseReading() {
            readingPaused = true;
        }

        @Override
        public void resumeReading() {
            readingPaused = false;
        }

        @Override
        public boolean isReadingPaused() {
            return readingPaused;
        }

        @Override
        public boolean isWritable() {
            return limits.isWritable();
        }

        @Override
        public long pendingWriteBytes() {
            return queue.size();
        }

        @Override
        public void setWriteBufferWatermarks(int low, int high) {
            limits.setWatermarks(low, high);
            limits.update(queue.size());
        }

        @Override
        public void setWriteBufferLimit(long limit) {
            limits.setLimit(limit);
        }

        @Override
        public SocketAddress localAddress() {
            return localAddress;
        }

        @Override
        public SocketAddress remoteAddress() {
            return remoteAddress;
        }

        @Override
        public String toString() {
            return "MemoryPipe." + name + "[" + state + "]";
        }
    }

    /** Bytes written by one side and not yet read by the other, first in first out. */
    private static final class ByteQueue {
        private byte[] bytes = new byte[256];
        private int head;
        private int tail;

        int size() {
            return tail - head;
        }

        boolean isEmpty() {
            return head == tail;
        }

        void append(ByteBuffer data) {
            int length = data.remaining();
            if (bytes.length - tail < length) {
                int size = size();
                byte[] target = size + length <= bytes.length ? bytes : new byte[Math.max(size + length, bytes.length * 2)];
                System.arraycopy(bytes, head, target, 0, size);
                bytes = target;
                head = 0;
                tail = size;
            }
            data.get(bytes, tail, length);
            tail += length;
        }

        void copyTo(ByteBuffer target, int length) {
            target.put(bytes, head, length);
        }

        void discard(int length) {
            head += length;
            if (head == tail) {
                head = 0;
                tail = 0;
            }
        }

        void clear() {
            head = 0;
            tail = 0;
            if (bytes.length > 64 * 1024) {
                bytes = new byte[256];
            }
        }
    }
}
