package dev.twine.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A live TCP connection on a reactor: the {@link Transport} its protocol writes to, and the handler
 * of its selection key.
 *
 * <p>Everything a protocol asks for during a callback — sending, closing, telling it about
 * writability or the end — is recorded here and carried out by {@link #runDeferred()}, which the
 * reactor runs after the callback returns. That is what keeps callbacks from nesting.
 */
final class SocketConnection implements Transport, IoHandler {

    /** Reads per readiness event at most, so one fast sender cannot hog a turn. */
    private static final int MAX_READS_PER_EVENT = 16;

    private enum State {
        /** Reading and writing. */
        OPEN,
        /** No longer reading; closes once the outgoing buffer is empty. */
        CLOSING,
        /** The socket is closed; the protocol may still have to hear about it. */
        CLOSED
    }

    private final Reactor reactor;
    private final SocketChannel channel;
    private SelectionKey key;
    private final Protocol protocol;
    /** Its place under the limit of the listener that accepted it, given back when the socket closes. */
    private final ConnectionSlot slot;
    private final OutboundBuffer outbound;
    private final SocketAddress localAddress;
    private final SocketAddress remoteAddress;
    private final Runnable deferredWork = this::runDeferred;

    private State state = State.OPEN;
    private CloseReason reason;
    private boolean closeNotified;
    private boolean deferredQueued;
    private boolean readingPaused;
    /** Bytes a paused protocol left unconsumed, handed back first on resume. */
    private ByteBuffer held;
    /** The socket took less than we offered; OP_WRITE will say when to try again. */
    private boolean writeBlocked;
    private int interestOps = -1;

    private final WriteBufferLimits limits = new WriteBufferLimits();

    SocketConnection(Reactor reactor, SocketChannel channel, SelectionKey key, Protocol protocol,
            ConnectionSlot slot) {
        this.reactor = reactor;
        this.channel = channel;
        this.key = key;
        this.protocol = protocol;
        this.slot = slot;
        this.outbound = new OutboundBuffer(reactor.chunks);
        this.localAddress = addressOf(channel, true);
        this.remoteAddress = addressOf(channel, false);
    }

    void start() {
        try {
            protocol.onConnect(this);
        } catch (Throwable t) {
            failed(t);
        }
        scheduleDeferred();
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && state != State.CLOSED) {
            flush();
            scheduleDeferred();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            read();
        }
    }

    private void read() {
        ByteBuffer buffer = reactor.readBuffer;
        for (int i = 0; i < MAX_READS_PER_EVENT && isDelivering(); i++) {
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                lost(e);
                return;
            }
            if (n < 0) {
                peerClosed();
                return;
            }
            if (n == 0) {
                return;
            }
            buffer.flip();
            deliver(buffer);
            // What that call wrote leaves now, before the next read is handed over.
            reactor.runDeferred();
            if (n < buffer.capacity()) {
                return; // the socket is very likely drained; don't pay for a read that returns 0
            }
        }
    }

    private boolean isDelivering() {
        return state == State.OPEN && !readingPaused;
    }

    private void deliver(ByteBuffer data) {
        try {
            protocol.onBytes(data);
            if (readingPaused && state == State.OPEN && data.hasRemaining()) {
                if (data != held) {
                    // Inside the try: running out of memory here costs this connection, not the reactor.
                    held = ByteBuffer.allocate(data.remaining()).put(data).flip();
                }
            } else if (data == held) {
                held = null;
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writing

    @Override
    public void write(ByteBuffer data) {
        reactor.checkThread();
        int length = data.remaining();
        if (acceptWrite(length)) {
            outbound.append(data);
            afterAppend();
        } else {
            data.position(data.limit());
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        reactor.checkThread();
        Objects.checkFromIndexSize(offset, length, data.length);
        if (acceptWrite(length)) {
            outbound.append(data, offset, length);
            afterAppend();
        }
    }

    /** Lends room in the outgoing chunks themselves, so an encoder's bytes are never copied. */
    @Override
    public ByteBuffer claim(int size) {
        reactor.checkThread();
        if (size < 0) {
            throw new IllegalArgumentException("cannot claim " + size + " bytes");
        }
        ByteBuffer room = acceptWrite(size) ? outbound.claim(size) : null;
        // Closed, over the limit (now aborted), or larger than a chunk: a buffer of its own, which
        // commit copies in or, once closed, drops.
        return room != null ? room : ByteBuffer.allocate(size);
    }

    @Override
    public void commit(ByteBuffer claimed) {
        reactor.checkThread();
        if (outbound.lent(claimed)) {
            outbound.commit();
            afterAppend();
        } else {
            Transport.super.commit(claimed);
        }
    }

    private boolean acceptWrite(int length) {
        if (state != State.OPEN || length == 0) {
            return false;
        }
        WriteBufferOverflowException overflow = limits.checkLimit(outbound.size() + length);
        if (overflow != null) {
            abortWith(CloseReason.failed(overflow));
            return false;
        }
        return true;
    }

    private void afterAppend() {
        limits.update(outbound.size());
        scheduleDeferred();
    }

    private void flush() {
        try {
            outbound.writeTo(channel);
        } catch (IOException e) {
            lost(e);
            return;
        }
        writeBlocked = !outbound.isEmpty();
        limits.update(outbound.size());
    }

    // ---------------------------------------------------------------------------------------------
    // Closing

    @Override
    public void close() {
        reactor.checkThread();
        if (state == State.OPEN) {
            beginClosing(CloseReason.closed());
        }
    }

    @Override
    public void abort() {
        reactor.checkThread();
        abortWith(CloseReason.aborted());
    }

    @Override
    public void abort(Throwable cause) {
        reactor.checkThread();
        Objects.requireNonNull(cause, "cause");
        Reactor.LOG.log(System.Logger.Level.DEBUG, () -> "aborting " + this + ": " + cause);
        abortWith(CloseReason.failed(cause));
    }

    private void failed(Throwable t) {
        Reactor.LOG.log(System.Logger.Level.WARNING, "protocol of " + this + " threw; aborting it", t);
        abortWith(CloseReason.failed(t));
    }

    private void peerClosed() {
        beginClosing(CloseReason.peerClosed());
    }

    private void lost(IOException e) {
        // After the peer's end of stream, a failed last flush is part of that orderly end.
        abortWith(state == State.CLOSING && reason.kind() == CloseReason.Kind.PEER_CLOSED
                ? reason : CloseReason.lost(e));
    }

    private void beginClosing(CloseReason why) {
        state = State.CLOSING;
        reason = why;
        held = null;
        scheduleDeferred();
    }

    private void abortWith(CloseReason why) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        reason = why;
        closeChannel();
        scheduleDeferred();
    }

    private void closeChannel() {
        key.cancel();
        TcpListener.closeQuietly(channel);
        outbound.clear();
        held = null;
        slot.release();
    }

    @Override
    public void rekey(SelectionKey key) {
        this.key = key;
    }

    @Override
    public void shutdown() {
        if (state != State.CLOSED) {
            if (!outbound.isEmpty()) {
                flush(); // one last try, without waiting
            }
            boolean finished = state == State.CLOSING && outbound.isEmpty();
            abortWith(finished ? reason : CloseReason.shutdown());
        }
        notifyClosed();
    }

    // ---------------------------------------------------------------------------------------------
    // After each callback

    private void scheduleDeferred() {
        if (!deferredQueued) {
            deferredQueued = true;
            reactor.defer(deferredWork);
        }
    }

    /**
     * Carries out what the last callback asked for. It may call the protocol again (held bytes,
     * writability, close); anything those calls ask for schedules another pass.
     */
    private void runDeferred() {
        deferredQueued = false;
        if (held != null && isDelivering()) {
            deliver(held);
        }
        if (state != State.CLOSED && !outbound.isEmpty() && !writeBlocked) {
            flush();
        }
        if (state == State.CLOSING && outbound.isEmpty()) {
            state = State.CLOSED;
            closeChannel();
        }
        if (state == State.CLOSED) {
            notifyClosed();
            return;
        }
        notifyWritability();
        updateInterest();
    }

    private void notifyWritability() {
        Boolean change;
        while (state != State.CLOSED && (change = limits.nextChange()) != null) {
            try {
                protocol.onWritabilityChanged(change);
            } catch (Throwable t) {
                failed(t);
            }
        }
    }

    private void notifyClosed() {
        if (closeNotified) {
            return;
        }
        closeNotified = true;
        try {
            protocol.onClose(reason);
        } catch (Throwable t) {
            Reactor.LOG.log(System.Logger.Level.WARNING, "onClose of " + this + " threw", t);
        }
    }

    private void updateInterest() {
        if (state == State.CLOSED) {
            return;
        }
        int ops = (isDelivering() && held == null ? SelectionKey.OP_READ : 0)
                | (writeBlocked ? SelectionKey.OP_WRITE : 0);
        if (ops != interestOps) {
            interestOps = ops;
            key.interestOps(ops);
        }
        if (held != null && isDelivering()) {
            scheduleDeferred();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Flow control and the rest of Transport

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public void pauseReading() {
        reactor.checkThread();
        readingPaused = true;
        scheduleDeferred();
    }

    @Override
    public void resumeReading() {
        reactor.checkThread();
        readingPaused = false;
        scheduleDeferred();
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
        return outbound.size();
    }

    @Override
    public void setWriteBufferWatermarks(int low, int high) {
        reactor.checkThread();
        limits.setWatermarks(low, high);
        limits.update(outbound.size());
        scheduleDeferred();
    }

    @Override
    public void setWriteBufferLimit(long limit) {
        reactor.checkThread();
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

    private static SocketAddress addressOf(SocketChannel channel, boolean local) {
        try {
            return local ? channel.getLocalAddress() : channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "Connection[" + localAddress + " <-> " + remoteAddress + ", " + state + "]";
    }
}
