package dev.twine.server;

import dev.twine.framing.Framer;
import dev.twine.framing.FramingException;
import dev.twine.framing.TruncatedFrameException;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;

/**
 * The {@link Protocol} behind each connection of a {@link Connections} table: feeds the
 * connection's bytes through its current framer and its frames to the handler, with the
 * connection. This is the plumbing user code would otherwise write for every server.
 */
final class ConnectionProtocol<F, S> implements Protocol {

    private final Connections<S> table;
    private final Framer<F> initialFramer;
    private final S initialState;
    private final FrameHandler<F, S> initialHandler;
    private Connection<S> connection;
    /** Its clocks under the table's timeouts; null when the table has none. */
    private ConnectionDeadlines deadlines;

    ConnectionProtocol(Connections<S> table, Framer<F> framer, S state, FrameHandler<F, S> handler) {
        this.table = table;
        this.initialFramer = framer;
        this.initialState = state;
        this.initialHandler = handler;
    }

    @Override
    public void onConnect(Transport transport) {
        connection = table.add(transport, initialState);
        connection.switchFramer(initialFramer, initialHandler);
        deadlines = table.deadlinesFor(this::timedOut);
        if (deadlines != null) {
            deadlines.start();
        }
        initialHandler.onConnect(connection);
    }

    @Override
    public void onBytes(ByteBuffer data) {
        if (deadlines == null) {
            decode(data);
            return;
        }
        long framesBefore = connection.framesReceived();
        decode(data);
        // A connection that stopped reading waits for no frame: only its idle clock runs on.
        deadlines.afterRead(connection.framesReceived() != framesBefore,
                connection.framer().isInsideFrame() && !connection.isReadingStopped());
    }

    private void decode(ByteBuffer data) {
        while (data.hasRemaining()) {
            Connection.Stage<?, S> current = connection.stage();
            if (!current.isReceiving()) {
                return; // closed or paused: the transport keeps or drops the rest
            }
            try {
                current.decode(data);
            } catch (FramingException e) {
                current.handler.onFramingError(connection, e);
                if (current.framer.hasFailed() && connection.isOpen() && !connection.isReadingStopped()) {
                    // The framer lost its place in the stream: nothing more can be read from it,
                    // and the hook neither closed the connection nor stopped reading it.
                    connection.transport().abort(e);
                }
                // Otherwise the handler rejected one frame, already consumed: go on with the rest
                // (unless it closed, paused or stopped reading, which the loop checks first).
                continue;
            }
            if (connection.stage() == current) {
                return; // used everything, or stopped because it was closed or paused
            }
            // Switched framers mid-buffer: the rest goes to the new one, in order.
        }
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        if (writable) {
            connection.writable();
        }
        if (deadlines != null) {
            deadlines.writabilityChanged(writable);
        }
        connection.stage().handler.onWritabilityChanged(connection, writable);
    }

    /** A timeout expired: the handler decides, and anything it throws aborts the connection. */
    private void timedOut(ConnectionTimeoutException timeout) {
        try {
            connection.stage().handler.onTimeout(connection, timeout);
        } catch (Throwable t) {
            connection.transport().abort(t);
        }
    }

    @Override
    public void onClose(CloseReason reason) {
        if (connection == null) {
            return; // onConnect never ran to the point of joining the table
        }
        Connection.Stage<?, S> stage = connection.stage();
        if (reason.kind() == CloseReason.Kind.PEER_CLOSED && stage.framer.isInsideFrame()) {
            reason = new CloseReason(CloseReason.Kind.PEER_CLOSED,
                    new TruncatedFrameException(stage.framer.bufferedBytes()));
        }
        if (deadlines != null) {
            deadlines.stop();
        }
        table.remove(connection);
        stage.handler.onClose(connection, reason);
    }
}
