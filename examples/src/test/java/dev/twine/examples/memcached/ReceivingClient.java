package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** A client protocol that writes what the test gives it and keeps every byte it receives. */
final class ReceivingClient implements Protocol {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Transport transport;
    /** Why the connection closed; null while it is open. */
    private CloseReason closeReason;

    @Override
    public void onConnect(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void onBytes(ByteBuffer data) {
        while (data.hasRemaining()) {
            received.write(data.get());
        }
    }

    @Override
    public void onClose(CloseReason reason) {
        closeReason = reason;
    }

    void send(byte[] request) {
        transport.write(request);
    }

    void send(String request) {
        send(request.getBytes(ISO_8859_1));
    }

    /** Whether the connection has closed, from either end. */
    boolean isClosed() {
        return closeReason != null;
    }

    /** Why the connection closed; null while it is open. */
    CloseReason closeReason() {
        return closeReason;
    }

    Transport transport() {
        return transport;
    }

    /** Everything received so far, which is then forgotten. */
    byte[] take() {
        byte[] bytes = received.toByteArray();
        received.reset();
        return bytes;
    }

    /** {@link #take()}, as text. */
    String takeString() {
        return new String(take(), ISO_8859_1);
    }
}
