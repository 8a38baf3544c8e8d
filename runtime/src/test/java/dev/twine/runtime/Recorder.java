package dev.twine.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A protocol that keeps what it hears, and optionally says something when connected. */
public class Recorder implements Protocol {
    public final ByteArrayOutputStream received = new ByteArrayOutputStream();
    /** The size of each {@link #onBytes} call, in order. */
    public final List<Integer> reads = new ArrayList<>();
    private final byte[] greeting;
    public Transport transport;
    public CloseReason closeReason;
    public int closeCalls;

    public Recorder() {
        this(new byte[0]);
    }

    public Recorder(byte[] greeting) {
        this.greeting = greeting;
    }

    public Recorder(String greeting) {
        this(greeting.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onConnect(Transport transport) {
        this.transport = transport;
        transport.write(greeting);
    }

    @Override
    public void onBytes(ByteBuffer data) {
        reads.add(data.remaining());
        while (data.hasRemaining()) {
            received.write(data.get());
        }
    }

    @Override
    public void onClose(CloseReason reason) {
        closeReason = reason;
        closeCalls++;
    }

    public String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    public boolean isClosed() {
        return closeReason != null;
    }
}
