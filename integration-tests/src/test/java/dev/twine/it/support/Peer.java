package dev.twine.it.support;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Transport;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A client that sends raw bytes to a server in memory and keeps what comes back: how a test plays
 * a peer that nobody framed for it, good or bad.
 */
public final class Peer implements Protocol {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private MemoryPipe pipe;
    private Transport transport;
    private CloseReason closeReason;

    private Peer() {}

    /** A peer connected to a new protocol of {@code server}, its bytes read in {@code chunking}. */
    public static Peer connect(ProtocolFactory server, Chunking chunking) {
        Peer peer = new Peer();
        peer.pipe = MemoryPipe.connect(peer, server.newProtocol(), chunking);
        peer.pipe.flush();
        return peer;
    }

    @Override
    public void onConnect(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void onBytes(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.writeBytes(bytes);
    }

    @Override
    public void onClose(CloseReason reason) {
        closeReason = reason;
    }

    /** Sends {@code bytes} and lets everything happen that follows from it. */
    public void send(byte[] bytes) {
        transport.write(bytes);
        pipe.flush();
    }

    /** Closes this side, after what it has sent, and lets the server see it. */
    public void close() {
        transport.close();
        pipe.flush();
    }

    /** What the server has sent (delivering what is on its way first), and forgets it. */
    public byte[] takeReceived() {
        pipe.flush();
        byte[] bytes = received.toByteArray();
        received.reset();
        return bytes;
    }

    /** Why this side's connection ended, or {@code null} while it is open. */
    public CloseReason closeReason() {
        return closeReason;
    }
}
