package dev.twine.runtime;

import java.nio.ByteBuffer;

/** Writes back whatever it reads; remembers how it ended. */
public class Echo implements Protocol {
    public Transport transport;
    public CloseReason closeReason;

    @Override
    public void onConnect(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void onBytes(ByteBuffer data) {
        transport.write(data);
    }

    @Override
    public void onClose(CloseReason reason) {
        closeReason = reason;
    }
}
