package dev.twine.framing;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Recorder;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.server.FrameHandler;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One connection of a {@link Connections} table, read by any framer, in memory: its frames as text
 * and how it closed. How the framer tables check what a framer does inside a server — at end of
 * stream, or when the handler closes in the middle of a read.
 */
public final class ConnectionTable {

    /** Every frame, as ISO-8859-1 text for a buffer and {@code toString} for anything else. */
    private final List<String> frames = new ArrayList<>();
    private CloseReason closeReason;
    private Connection<Void> connection;

    private final Recorder client;
    private final MemoryPipe pipe;

    /**
     * A connection whose peer sends {@code stream} at once, read in {@code chunking}; {@code onFrame}
     * runs after each frame is recorded, with the connection.
     */
    @SuppressWarnings("unchecked")
    public ConnectionTable(Supplier<? extends Framer<?>> framer, byte[] stream, Chunking chunking,
            Consumer<Connection<Void>> onFrame) {
        FrameHandler<Object, Void> handler = new FrameHandler<>() {
            @Override
            public void onConnect(Connection<Void> connection) {
                ConnectionTable.this.connection = connection;
            }

            @Override
            public void onFrame(Connection<Void> connection, Object frame) {
                frames.add(frame instanceof ByteBuffer buffer ? Bytes.take(buffer) : String.valueOf(frame));
                onFrame.accept(connection);
            }

            @Override
            public void onSkippedFrame(Connection<Void> connection, int kind, ByteBuffer start,
                    FrameTooLongException tooLong) {
                frames.add("skipped " + tooLong.declaredLength().getAsLong() + " bytes");
            }

            @Override
            public void onClose(Connection<Void> connection, CloseReason reason) {
                closeReason = reason;
            }
        };
        client = new Recorder(stream);
        pipe = MemoryPipe.connect(client, new Connections<Void>()
                .serve(() -> (Framer<Object>) framer.get(), () -> null, handler).newProtocol(), chunking);
        pipe.flush();
    }

    /** The peer closes its side, after what it has sent. */
    public void peerCloses() {
        client.transport.close();
        pipe.flush();
    }

    /** Every frame so far, as text. */
    public List<String> frames() {
        return frames;
    }

    /** Why the server's side closed, or {@code null} while it is open. */
    public CloseReason closeReason() {
        return closeReason;
    }

    /** The server's side of the connection. */
    public Connection<Void> connection() {
        return connection;
    }

    /** Lets the bytes still on their way arrive. */
    public void flush() {
        pipe.flush();
    }
}
