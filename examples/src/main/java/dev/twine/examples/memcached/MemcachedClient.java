package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.client.PendingReplies;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ConnectAttempt;
import dev.twine.runtime.Deferred;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.Scheduler;
import dev.twine.runtime.Transport;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;

/**
 * A non-blocking client for memcached's binary protocol: the protocol of one connection, whose
 * every request returns a {@link Deferred} of the server's answer, as Twisted's
 * {@code MemCacheProtocol} does. Requests are written with the generated {@link McRequestEncoder},
 * answers read by the generated {@link McResponseFramer}.
 *
 * <pre>{@code
 * MemcachedClient.connect(reactor, new InetSocketAddress(loopback, 11211), Duration.ofSeconds(1))
 *         .addDeferredCallback(client -> {
 *             client.set("greeting", "hello".getBytes(US_ASCII), 0, 0, 0);  // NO_ERROR, with the new CAS
 *             client.getq("missing");                      // silent: KEY_NOT_FOUND once the noop is answered
 *             client.noop();
 *             return client.get("greeting");                               // NO_ERROR, value "hello"
 *         })
 *         .addCallbacks(hello -> { System.out.println(hello.valueString()); return null; },
 *                 failure -> { System.err.println(failure); return null; }); // no connection, or a timeout
 * reactor.run();
 * }</pre>
 *
 * Being a {@link Protocol}, it also connects through a
 * {@link dev.twine.client.ReconnectingClient}, a fresh client per connection:
 * {@code new ReconnectingClient<>(reactor, connector, () -> new MemcachedClient(reactor, timeout), backoff, random)},
 * then {@code whenConnected().addDeferredCallback(client -> client.get(key))}.
 *
 * <h2>Pipelining</h2>
 * Every request is written at once; any number may be in flight. Each takes the next opaque, and
 * the answer that echoes it fires its {@code Deferred} ({@link PendingReplies} matches them). The
 * callbacks run on the reactor thread, and nothing here blocks; the methods must be called there
 * too.
 *
 * <h2>Failures</h2>
 * An answer is a {@link McResult}, whatever its status. A request's {@code Deferred} fails instead
 * when no answer will come: with a {@link TimeoutException} once {@code requestTimeout} has passed
 * since it was sent (each request has its own timer on the scheduler; an answer that arrives later
 * is dropped); with an {@link IOException} when the connection is lost, for every waiting request,
 * and at once for a request made when the connection is not open. Cancelling a request's
 * {@code Deferred} forgets it the same way. A request the encoder cannot express (a key over 65535
 * bytes) throws {@link IllegalArgumentException} and is not sent. A callback that throws fails its
 * own chain, nothing else. Keys are strings of one char per byte (ISO-8859-1), as the server's are.
 *
 * <h2>Quiet requests</h2>
 * A quiet request ({@link #getq}, {@link #getkq}, {@link #setq}, {@link #deleteq}) that succeeds
 * gets no answer (for getq and getkq, a miss is the silent case; a hit is answered). memcached
 * answers in order, so when an answer to a later request arrives, every quiet request before it
 * that was not answered was silent: its {@code Deferred} then fires with the result that silence
 * means, {@link McStatus#KEY_NOT_FOUND} for getq and getkq, {@link McStatus#NO_ERROR} for setq and
 * deleteq, with no flags, CAS, key or value. So send a loud request after a batch of quiet ones
 * (usually {@link #noop}): its answer settles the batch. A quiet request with nothing loud after it
 * times out. (A loud request left unanswered behind a later answer, which an in-order server never
 * does, fails with an {@link IOException}.) Matching by opaque alone cannot tell silence from a
 * lost answer: that takes the order of the requests, which this class keeps.
 *
 * <h2>Backpressure</h2>
 * Answers are read even while the outgoing buffer is over its high watermark: each answer is owed
 * for a request already sent, so reading them is bounded, and refusing to read could deadlock a
 * server that stops reading until it may write.
 */
public final class MemcachedClient implements Protocol {

    private static final McRequestEncoder ENCODER = new McRequestEncoder();
    private static final byte[] NONE = {};
    private static final int STORE_EXTRAS = 8;
    private static final int COUNTER_EXTRAS = 20;
    private static final int TOUCH_EXTRAS = 4;

    /** A request written and not yet passed by an answer: what a later answer says of it. */
    private record Sent(int opaque, int opcode) {}

    private final PendingReplies<McResult> replies;
    /** Oldest first; an answer settles the quiet requests before it here. */
    private final ArrayDeque<Sent> unanswered = new ArrayDeque<>();
    private final Protocol framing = McResponseConnections.serve(new Connections<>(), () -> this, new Answers())
            .newProtocol();
    private Deferred<MemcachedClient> whenConnected;
    private Connection<MemcachedClient> connection;
    private boolean connectedOnce;
    /** The connection has told its close: nothing more will be sent or answered. */
    private boolean closed;
    private int nextOpaque;

    /**
     * A client for one connection, to hand to a transport as its protocol: {@code reactor.connectTcp},
     * a {@link dev.twine.client.ReconnectingClient}, or a test's {@code MemoryPipe}.
     * {@link #connect} makes one and its connection in one step.
     *
     * @param scheduler      the reactor (or a test's {@code ManualClock}) that times requests out
     * @param requestTimeout how long a request waits for its answer
     */
    public MemcachedClient(Scheduler scheduler, Duration requestTimeout) {
        this.replies = new PendingReplies<>(scheduler, requestTimeout);
    }

    /**
     * Connects to a memcached server at {@code address} with {@link Reactor#connectTcp}: the
     * {@code Deferred} fires with the client once connected, ready for requests, or fails with the
     * reason it could not connect. Cancelling it gives up the attempt.
     */
    public static Deferred<MemcachedClient> connect(Reactor reactor, InetSocketAddress address, Duration requestTimeout) {
        MemcachedClient client = new MemcachedClient(reactor, requestTimeout);
        ConnectAttempt[] attempt = new ConnectAttempt[1];
        client.whenConnected = new Deferred<>(cancelled -> attempt[0].cancel());
        Deferred<MemcachedClient> connected = client.whenConnected;
        attempt[0] = reactor.connectTcp(address, client, connected::errback);
        return connected;
    }

    /** True while the connection is open. */
    public boolean isConnected() {
        return connection != null && !closed && connection.isOpen();
    }

    /** How many requests wait for an answer. */
    public int pendingRequests() {
        return replies.size();
    }

    /** Closes the connection once what was written is sent; requests still waiting then fail. */
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Requests

    /** get: the item's value, flags and CAS, or {@link McStatus#KEY_NOT_FOUND}. */
    public Deferred<McResult> get(String key) {
        return retrieve(Opcode.GET, key);
    }

    /** getk: as {@link #get}, and a hit carries its key. */
    public Deferred<McResult> getk(String key) {
        return retrieve(Opcode.GETK, key);
    }

    /** getq: as {@link #get}, but a miss is silent (see the class comment). */
    public Deferred<McResult> getq(String key) {
        return retrieve(Opcode.GETQ, key);
    }

    /** getkq: as {@link #getk}, but a miss is silent (see the class comment). */
    public Deferred<McResult> getkq(String key) {
        return retrieve(Opcode.GETKQ, key);
    }

    /**
     * set: stores the item whatever is there, or, with a {@code cas} other than 0, only over the item
     * with that CAS ({@link McStatus#KEY_EXISTS} if it changed, {@link McStatus#KEY_NOT_FOUND} if it
     * is gone).
     *
     * @param expiry seconds from now, or a Unix time when over 30 days; 0 for never
     */
    public Deferred<McResult> set(String key, byte[] value, int flags, int expiry, long cas) {
        return store(Opcode.SET, key, value, flags, expiry, cas);
    }

    /** setq: as {@link #set}, but success is silent (see the class comment). */
    public Deferred<McResult> setq(String key, byte[] value, int flags, int expiry, long cas) {
        return store(Opcode.SETQ, key, value, flags, expiry, cas);
    }

    /** add: stores the item only if the key is free, else {@link McStatus#KEY_EXISTS}. */
    public Deferred<McResult> add(String key, byte[] value, int flags, int expiry) {
        return store(Opcode.ADD, key, value, flags, expiry, 0);
    }

    /** replace: stores the item only over an existing one (and its {@code cas}, unless 0). */
    public Deferred<McResult> replace(String key, byte[] value, int flags, int expiry, long cas) {
        return store(Opcode.REPLACE, key, value, flags, expiry, cas);
    }

    /** append: adds {@code value} after the item's, or {@link McStatus#ITEM_NOT_STORED} if none. */
    public Deferred<McResult> append(String key, byte[] value) {
        return concatenate(Opcode.APPEND, key, value);
    }

    /** prepend: adds {@code value} before the item's, or {@link McStatus#ITEM_NOT_STORED} if none. */
    public Deferred<McResult> prepend(String key, byte[] value) {
        return concatenate(Opcode.PREPEND, key, value);
    }

    /** delete: removes the item, or {@link McStatus#KEY_NOT_FOUND}. */
    public Deferred<McResult> delete(String key) {
        return remove(Opcode.DELETE, key);
    }

    /** deleteq: as {@link #delete}, but success is silent (see the class comment). */
    public Deferred<McResult> deleteq(String key) {
        return remove(Opcode.DELETEQ, key);
    }

    /**
     * incr: adds {@code delta} to the 64-bit unsigned counter, wrapping; a missing item is created
     * as {@code initial}, unless {@code expiry} is {@code 0xffffffff} ({@code -1}). The answer's
     * {@link McResult#counter()} is the new value.
     */
    public Deferred<McResult> increment(String key, long delta, long initial, int expiry) {
        return count(Opcode.INCREMENT, key, delta, initial, expiry);
    }

    /** decr: as {@link #increment}, subtracting, and stopping at 0. */
    public Deferred<McResult> decrement(String key, long delta, long initial, int expiry) {
        return count(Opcode.DECREMENT, key, delta, initial, expiry);
    }

    /** touch: gives the item a new expiry, or {@link McStatus#KEY_NOT_FOUND}. */
    public Deferred<McResult> touch(String key, int expiry) {
        return retouch(Opcode.TOUCH, key, expiry);
    }

    /** gat: get and touch, answered as {@link #get}. */
    public Deferred<McResult> gat(String key, int expiry) {
        return retouch(Opcode.GAT, key, expiry);
    }

    /** flush: invalidates every item now. */
    public Deferred<McResult> flush() {
        return send(new McRequest.Flush(Opcode.FLUSH, header(0, 0, 0), NONE), Opcode.FLUSH);
    }

    /** noop: answered with nothing; settles the quiet requests before it. */
    public Deferred<McResult> noop() {
        return bare(Opcode.NOOP);
    }

    /** version: the server's version, as the value. */
    public Deferred<McResult> version() {
        return bare(Opcode.VERSION);
    }

    private Deferred<McResult> retrieve(int opcode, String key) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        return send(new McRequest.Get(opcode, header(keyBytes.length, 0, 0), keyBytes), opcode);
    }

    private Deferred<McResult> store(int opcode, String key, byte[] value, int flags, int expiry, long cas) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        return send(new McRequest.Update(opcode, header(keyBytes.length, STORE_EXTRAS, cas), flags, expiry, keyBytes,
                value), opcode);
    }

    private Deferred<McResult> concatenate(int opcode, String key, byte[] value) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        return send(new McRequest.Append(opcode, header(keyBytes.length, 0, 0), keyBytes, value), opcode);
    }

    private Deferred<McResult> remove(int opcode, String key) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        return send(new McRequest.Delete(opcode, header(keyBytes.length, 0, 0), keyBytes), opcode);
    }

    private Deferred<McResult> count(int opcode, String key, long delta, long initial, int expiry) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        return send(new McRequest.Counter(opcode, header(keyBytes.length, COUNTER_EXTRAS, 0), delta, initial, expiry,
                keyBytes), opcode);
    }

    private Deferred<McResult> retouch(int opcode, String key, int expiry) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        return send(new McRequest.Touch(opcode, header(keyBytes.length, TOUCH_EXTRAS, 0), expiry, keyBytes), opcode);
    }

    private Deferred<McResult> bare(int opcode) {
        return send(new McRequest.Bare(opcode, header(0, 0, 0)), opcode);
    }

    /** The header of the next request, which takes the next opaque only once it is sent. */
    private McRequest.Header header(int keyLength, int extrasLength, long cas) {
        return new McRequest.Header(keyLength, extrasLength, (byte) 0, (short) 0, nextOpaque, cas);
    }

    private Deferred<McResult> send(McRequest request, int opcode) {
        if (!isConnected()) {
            return Deferred.failed(new IOException("not connected"));
        }
        ENCODER.write(connection.transport(), request);
        int opaque = nextOpaque++;
        forgetPassed();
        unanswered.addLast(new Sent(opaque, opcode));
        return replies.expect(opaque);
    }

    /** Drops the oldest requests that no longer wait (timed out, or cancelled): nothing can pass them now. */
    private void forgetPassed() {
        while (!unanswered.isEmpty() && !replies.isWaiting(unanswered.peekFirst().opaque())) {
            unanswered.removeFirst();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Answers and loss

    /**
     * An answer: the quiet requests before it were silent, and it settles its own. An answer whose
     * request no longer waits (it timed out, or was cancelled) is dropped.
     */
    private void answer(McResponse.Response response) {
        int opaque = response.header().opaque();
        if (!replies.isWaiting(opaque)) {
            return;
        }
        for (Sent passed = unanswered.removeFirst(); passed.opaque() != opaque; passed = unanswered.removeFirst()) {
            settleSilent(passed);
        }
        replies.complete(opaque, McResult.of(response));
    }

    /** A request an answer to a later one passed: a quiet one was silent; a loud one was skipped. */
    private void settleSilent(Sent passed) {
        switch (passed.opcode()) {
            case Opcode.GETQ, Opcode.GETKQ -> replies.complete(passed.opaque(), McResult.silent(McStatus.KEY_NOT_FOUND));
            case Opcode.SETQ, Opcode.DELETEQ -> replies.complete(passed.opaque(), McResult.silent(McStatus.NO_ERROR));
            default -> replies.fail(passed.opaque(), new IOException("the server answered a later request first"));
        }
    }

    /** Fails every waiting request, in the order they were sent. */
    private void failAll(CloseReason reason) {
        closed = true;
        IOException lost = new IOException("connection closed: " + reason, reason.cause());
        while (!unanswered.isEmpty()) {
            replies.fail(unanswered.removeFirst().opaque(), lost);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The connection

    /**
     * @throws IllegalStateException if this client already had a connection: a client serves one
     */
    @Override
    public void onConnect(Transport transport) {
        if (connectedOnce) {
            throw new IllegalStateException("a client serves one connection; make a new one for another");
        }
        connectedOnce = true;
        framing.onConnect(transport);
    }

    @Override
    public void onBytes(ByteBuffer data) {
        framing.onBytes(data);
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        framing.onWritabilityChanged(writable);
    }

    @Override
    public void onClose(CloseReason reason) {
        framing.onClose(reason);
    }

    /** The connection's end of things: the generated dispatch calls it with each answer. */
    private final class Answers implements McResponseHandler<MemcachedClient> {

        @Override
        public void onConnect(Connection<MemcachedClient> connected) {
            connection = connected;
            if (whenConnected != null) {
                whenConnected.callback(MemcachedClient.this);
            }
        }

        @Override
        public void onResponse(Connection<MemcachedClient> from, McResponse.Response frame) {
            answer(frame);
        }

        @Override
        public void onClose(Connection<MemcachedClient> gone, CloseReason reason) {
            failAll(reason);
        }

        @Override
        public boolean readsWhileUnwritable() {
            return true;
        }
    }
}
