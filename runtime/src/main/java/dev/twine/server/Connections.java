package dev.twine.server;

import dev.twine.framing.Framer;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Scheduler;
import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A server's table of live connections, each with its own state, its own framer and an id.
 *
 * <p>{@link #serve} makes the {@link ProtocolFactory} to listen with: every accepted connection
 * joins the table, its bytes go through <em>its</em> framer, and its frames reach the one
 * server-wide {@link FrameHandler} together with the {@link Connection} they came from. User code is
 * then only the handler:
 *
 * <pre>{@code
 * Connections<Session> table = new Connections<>();
 * reactor.listenTcp(address, table.serve(() -> LengthPrefixed.int32(1 << 20), Session::new, handler));
 * ...
 * table.broadcast(announcement);           // from the handler, a timer, anywhere on the reactor
 * Connection<Session> c = table.get(id);   // null once it has gone
 * }</pre>
 *
 * <p>Ids count up from 1 and are never reused within a table. Lookup by id is an open-addressed
 * hash probe on the primitive id, with no boxing; iteration is in no particular order. A connection
 * joins before {@link FrameHandler#onConnect} and leaves before {@link FrameHandler#onClose}.
 * Reactor thread only, like everything it holds.
 *
 * <p>{@link #setTimeouts} makes the table end connections whose peers stall it: no frame for a
 * while, a frame that never finishes (slowloris), replies that are never read. None is on unless
 * set; see {@link ConnectionTimeouts}.
 *
 * @param <S> the per-connection state type
 */
public final class Connections<S> implements Iterable<Connection<S>> {

    /** Open addressing with linear probing, keyed by id; at most half full. */
    private Connection<?>[] table = new Connection<?>[16];
    private int size;
    private long lastId;
    private Scheduler scheduler;
    private ConnectionTimeouts timeouts = ConnectionTimeouts.NONE;

    /**
     * A protocol factory for a framed server: each new connection gets a fresh framer from
     * {@code framers}, a fresh state from {@code states}, and {@code handler} for its frames.
     */
    public <F> ProtocolFactory serve(Supplier<? extends Framer<F>> framers, Supplier<? extends S> states,
            FrameHandler<F, S> handler) {
        Objects.requireNonNull(framers, "framers");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(handler, "handler");
        return () -> new ConnectionProtocol<>(this, framers.get(), states.get(), handler);
    }

    /**
     * Watches every connection that joins from now on with {@code timeouts}, on {@code scheduler}'s
     * timers (the reactor's, or a test's {@code ManualClock}); connections already in the table keep
     * what they had. When one expires the handler hears {@link FrameHandler#onTimeout}.
     * {@link ConnectionTimeouts#NONE} turns them off.
     */
    public void setTimeouts(Scheduler scheduler, ConnectionTimeouts timeouts) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    /** The timeouts new connections get; {@link ConnectionTimeouts#NONE} unless set. */
    public ConnectionTimeouts timeouts() {
        return timeouts;
    }

    /** The clocks of a connection joining now, or {@code null} when no timeout is on. */
    ConnectionDeadlines deadlinesFor(Consumer<ConnectionTimeoutException> onExpired) {
        return timeouts.isNone() ? null : new ConnectionDeadlines(scheduler, timeouts, onExpired);
    }

    /** The live connection with this id, or {@code null} if it has closed (or never existed). */
    @SuppressWarnings("unchecked")
    public Connection<S> get(long id) {
        int mask = table.length - 1;
        for (int i = home(id, mask); table[i] != null; i = (i + 1) & mask) {
            if (table[i].id() == id) {
                return (Connection<S>) table[i];
            }
        }
        return null;
    }

    /** How many connections are live. */
    public int size() {
        return size;
    }

    /** Writes {@code data}'s remaining bytes to every live connection (each gets its own copy). */
    public void broadcast(ByteBuffer data) {
        int start = data.position();
        for (Connection<S> connection : this) {
            data.position(start);
            connection.transport().write(data);
        }
        data.position(data.limit());
    }

    /** Writes {@code data} to every live connection. */
    public void broadcast(byte[] data) {
        for (Connection<S> connection : this) {
            connection.transport().write(data);
        }
    }

    @Override
    public Iterator<Connection<S>> iterator() {
        return new Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                while (from < table.length && table[from] == null) {
                    from++;
                }
                return from;
            }

            @Override
            public boolean hasNext() {
                return next < table.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public Connection<S> next() {
                if (next >= table.length) {
                    throw new NoSuchElementException();
                }
                Connection<S> connection = (Connection<S>) table[next];
                next = advance(next + 1);
                return connection;
            }
        };
    }

    Connection<S> add(Transport transport, S state) {
        if (2 * (size + 1) > table.length) {
            grow();
        }
        Connection<S> connection = new Connection<>(++lastId, transport, state);
        insert(connection);
        size++;
        return connection;
    }

    void remove(Connection<S> connection) {
        int mask = table.length - 1;
        int i = home(connection.id(), mask);
        while (table[i] != connection) {
            if (table[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        table[i] = null;
        size--;
        // Backward-shift the rest of the probe run, so no lookup stops early at the hole.
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            Connection<?> moved = table[j];
            table[j] = null;
            insert(moved);
        }
    }

    private void insert(Connection<?> connection) {
        int mask = table.length - 1;
        int i = home(connection.id(), mask);
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = connection;
    }

    private void grow() {
        Connection<?>[] old = table;
        table = new Connection<?>[old.length * 2];
        for (Connection<?> connection : old) {
            if (connection != null) {
                insert(connection);
            }
        }
    }

    /** Where the probe for {@code id} starts: ids are sequential, so spread them first. */
    private static int home(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
