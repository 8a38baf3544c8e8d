package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ConnectAttempt;
import dev.twine.runtime.DelayedCall;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.Scheduler;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A non-blocking client for memcached's binary protocol, on one connection: requests are written
 * with the generated {@link McRequestEncoder}, answers read by the generated {@link McResponseFramer}.
 *
 * <pre>{@code
 * McCallback print = new McCallback() {
 *     public void onResult(McResult result) { System.out.println(result); }
 *     public void onFailure(Exception cause) { System.err.println(cause); }
 * };
 * MemcachedClient.connect(reactor, new InetSocketAddress(loopback, 11211), Duration.ofSeconds(1), client -> {
 *     client.set("greeting", "hello".getBytes(US_ASCII), 0, 0, 0, print); // NO_ERROR, with the new CAS
 *     client.get("greeting", print);                                      // NO_ERROR, value "hello"
 *     client.getq("missing", print);                                      // silent...
 *     client.noop(print);                       // ...until this answer: KEY_NOT_FOUND, then NO_ERROR
 * }, failure -> System.err.println("cannot connect: " + failure));
 * reactor.run();
 * }</pre>
 *
 * <h2>Pipelining</h2>
 * Every method writes its request at once and returns; any number may be in flight. Each gets the
 * next opaque, and its answer, which echoes that opaque, goes to its {@link McCallback}. Callbacks
 * run on the reactor thread, and nothing here blocks. The methods must be called on the reactor
 * thread too.
 *
 * <h2>Failures</h2>
 * An answer is a {@link McResult}, whatever its status. A request gets
 * {@link McCallback#onFailure} instead when no answer will come: a
 * {@link TimeoutException} once {@code requestTimeout} has passed since it was sent (an answer that
 * arrives later is dropped); an {@link IOException} for every waiting request when the connection
 * is lost, and at once for a request made when the connection is not open. A request the encoder
 * cannot express (a key over 65535 bytes) throws {@link IllegalArgumentException} and is not sent.
 * A callback that throws aborts the connection, and so fails every request still waiting.
 * Keys are strings of one char per byte (ISO-8859-1), as the server's are.
 *
 * <h2>Quiet requests</h2>
 * A quiet request ({@link #getq}, {@link #getkq}, {@link #setq}, {@link #deleteq}) that succeeds
 * gets no answer (for getq and getkq, a miss is the silent case; a hit is answered). memcached
 * answers in order, so when an answer to a later request arrives, every quiet request before it
 * that was not answered was silent: its callback then gets the result that silence means,
 * {@link McStatus#KEY_NOT_FOUND} for getq and getkq, {@link McStatus#NO_ERROR} for setq and
 * deleteq, with no flags, CAS, key or value. So send a loud request after a batch of quiet ones
 * (usually {@link #noop}): its answer settles the batch. A quiet request with nothing loud after it
 * times out. (A loud request left unanswered behind a later answer, which an in-order server never
 * does, fails with an {@link IOException}.)
 *
 * <h2>Backpressure</h2>
 * Answers are read even while the outgoing buffer is over its high watermark: each answer is owed
 * for a request already sent, so reading them is bounded, and refusing to read could deadlock a
 * server that stops reading until it may write.
 */
public final class MemcachedClient {

    private static final McRequestEncoder ENCODER = new McRequestEncoder();
    private static final byte[] NONE = {};
    private static final int STORE_EXTRAS = 8;
    private static final int COUNTER_EXTRAS = 20;
    private static final int TOUCH_EXTRAS = 4;

    private final Scheduler scheduler;
    private final long timeoutNanos;
    private final Consumer<? super MemcachedClient> onConnected;
    private final PendingRequests pending = new PendingRequests();
    private final Runnable expireTask = this::expire;
    private final Responses responses = new Responses();
    private boolean protocolGiven;
    private Connection<MemcachedClient> connection;
    private DelayedCall expiry;
    /** The connection has told its close: nothing more will be sent or answered. */
    private boolean closed;

    /**
     * A client whose connection is made by the caller with {@link #protocol()}; for tests over
     * {@code MemoryPipe}. {@link #connect} makes one and its connection in one step.
     *
     * @param scheduler      the reactor (or a test's {@code ManualClock}) that times requests out
     * @param requestTimeout how long a request waits for its answer
     */
    public MemcachedClient(Scheduler scheduler, Duration requestTimeout) {
        this(scheduler, requestTimeout, client -> {});
    }

    private MemcachedClient(Scheduler scheduler, Duration requestTimeout,
            Consumer<? super MemcachedClient> onConnected) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        this.timeoutNanos = requestTimeout.toNanos();
        this.onConnected = Objects.requireNonNull(onConnected, "onConnected");
    }

    /**
     * Connects to a memcached server at {@code address} with {@link Reactor#connectTcp}; once
     * connected, {@code onConnected} gets the client, ready for requests. A failure to connect goes
     * to {@code onFailed}.
     */
    public static ConnectAttempt connect(Reactor reactor, InetSocketAddress address, Duration requestTimeout,
            Consumer<? super MemcachedClient> onConnected, Consumer<? super IOException> onFailed) {
        MemcachedClient client = new MemcachedClient(reactor, requestTimeout, onConnected);
        return reactor.connectTcp(address, client.protocol(), onFailed);
    }

    /**
     * The protocol for this client's one connection, to hand to a transport.
     *
     * @throws IllegalStateException if it was asked for before: a client has one connection
     */
    public Protocol protocol() {
        if (protocolGiven) {
            throw new IllegalStateException("a client serves one connection; its protocol was already given");
        }
        protocolGiven = true;
        return McResponseConnections.serve(new Connections<>(), () -> this, responses).newProtocol();
    }

    /** True while the connection is open. */
    public boolean isConnected() {
        return connection != null && !closed && connection.isOpen();
    }

    /** How many requests wait for an answer. */
    public int pendingRequests() {
        return pending.size();
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
    public void get(String key, McCallback callback) {
        retrieve(Opcode.GET, key, callback);
    }

    /** getk: as {@link #get}, and a hit carries its key. */
    public void getk(String key, McCallback callback) {
        retrieve(Opcode.GETK, key, callback);
    }

    /** getq: as {@link #get}, but a miss is silent (see the class comment). */
    public void getq(String key, McCallback callback) {
        retrieve(Opcode.GETQ, key, callback);
    }

    /** getkq: as {@link #getk}, but a miss is silent (see the class comment). */
    public void getkq(String key, McCallback callback) {
        retrieve(Opcode.GETKQ, key, callback);
    }

    /**
     * set: stores the item whatever is there, or, with a {@code cas} other than 0, only over the item
     * with that CAS ({@link McStatus#KEY_EXISTS} if it changed, {@link McStatus#KEY_NOT_FOUND} if it
     * is gone).
     *
     * @param expiry seconds from now, or a Unix time when over 30 days; 0 for never
     */
    public void set(String key, byte[] value, int flags, int expiry, long cas, McCallback callback) {
        store(Opcode.SET, key, value, flags, expiry, cas, callback);
    }

    /** setq: as {@link #set}, but success is silent (see the class comment). */
    public void setq(String key, byte[] value, int flags, int expiry, long cas, McCallback callback) {
        store(Opcode.SETQ, key, value, flags, expiry, cas, callback);
    }

    /** add: stores the item only if the key is free, else {@link McStatus#KEY_EXISTS}. */
    public void add(String key, byte[] value, int flags, int expiry, McCallback callback) {
        store(Opcode.ADD, key, value, flags, expiry, 0, callback);
    }

    /** replace: stores the item only over an existing one (and its {@code cas}, unless 0). */
    public void replace(String key, byte[] value, int flags, int expiry, long cas, McCallback callback) {
        store(Opcode.REPLACE, key, value, flags, expiry, cas, callback);
    }

    /** append: adds {@code value} after the item's, or {@link McStatus#ITEM_NOT_STORED} if none. */
    public void append(String key, byte[] value, McCallback callback) {
        concatenate(Opcode.APPEND, key, value, callback);
    }

    /** prepend: adds {@code value} before the item's, or {@link McStatus#ITEM_NOT_STORED} if none. */
    public void prepend(String key, byte[] value, McCallback callback) {
        concatenate(Opcode.PREPEND, key, value, callback);
    }

    /** delete: removes the item, or {@link McStatus#KEY_NOT_FOUND}. */
    public void delete(String key, McCallback callback) {
        remove(Opcode.DELETE, key, callback);
    }

    /** deleteq: as {@link #delete}, but success is silent (see the class comment). */
    public void deleteq(String key, McCallback callback) {
        remove(Opcode.DELETEQ, key, callback);
    }

    /**
     * incr: adds {@code delta} to the 64-bit unsigned counter, wrapping; a missing item is created
     * as {@code initial}, unless {@code expiry} is {@code 0xffffffff} ({@code -1}). The answer's
     * {@link McResult#counter()} is the new value.
     */
    public void increment(String key, long delta, long initial, int expiry, McCallback callback) {
        count(Opcode.INCREMENT, key, delta, initial, expiry, callback);
    }

    /** decr: as {@link #increment}, subtracting, and stopping at 0. */
    public void decrement(String key, long delta, long initial, int expiry, McCallback callback) {
        count(Opcode.DECREMENT, key, delta, initial, expiry, callback);
    }

    /** touch: gives the item a new expiry, or {@link McStatus#KEY_NOT_FOUND}. */
    public void touch(String key, int expiry, McCallback callback) {
        retouch(Opcode.TOUCH, key, expiry, callback);
    }

    /** gat: get and touch, answered as {@link #get}. */
    public void gat(String key, int expiry, McCallback callback) {
        retouch(Opcode.GAT, key, expiry, callback);
    }

    /** flush: invalidates every item now. */
    public void flush(McCallback callback) {
        send(new McRequest.Flush(Opcode.FLUSH, header(0, 0, 0), NONE), Opcode.FLUSH, callback);
    }

    /** noop: answered with nothing; settles the quiet requests before it. */
    public void noop(McCallback callback) {
        bare(Opcode.NOOP, callback);
    }

    /** version: the server's version, as the value. */
    public void version(McCallback callback) {
        bare(Opcode.VERSION, callback);
    }

    private void retrieve(int opcode, String key, McCallback callback) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        send(new McRequest.Get(opcode, header(keyBytes.length, 0, 0), keyBytes), opcode, callback);
    }

    private void store(int opcode, String key, byte[] value, int flags, int expiry, long cas, McCallback callback) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        send(new McRequest.Update(opcode, header(keyBytes.length, STORE_EXTRAS, cas), flags, expiry, keyBytes,
                value), opcode, callback);
    }

    private void concatenate(int opcode, String key, byte[] value, McCallback callback) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        send(new McRequest.Append(opcode, header(keyBytes.length, 0, 0), keyBytes, value), opcode, callback);
    }

    private void remove(int opcode, String key, McCallback callback) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        send(new McRequest.Delete(opcode, header(keyBytes.length, 0, 0), keyBytes), opcode, callback);
    }

    private void count(int opcode, String key, long delta, long initial, int expiry, McCallback callback) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        send(new McRequest.Counter(opcode, header(keyBytes.length, COUNTER_EXTRAS, 0), delta, initial, expiry,
                keyBytes), opcode, callback);
    }

    private void retouch(int opcode, String key, int expiry, McCallback callback) {
        byte[] keyBytes = key.getBytes(ISO_8859_1);
        send(new McRequest.Touch(opcode, header(keyBytes.length, TOUCH_EXTRAS, 0), expiry, keyBytes), opcode,
                callback);
    }

    private void bare(int opcode, McCallback callback) {
        send(new McRequest.Bare(opcode, header(0, 0, 0)), opcode, callback);
    }

    /** The header of the next request: it takes the next opaque. */
    private McRequest.Header header(int keyLength, int extrasLength, long cas) {
        return new McRequest.Header(keyLength, extrasLength, (byte) 0, (short) 0, pending.nextOpaque(), cas);
    }

    private void send(McRequest request, int opcode, McCallback callback) {
        Objects.requireNonNull(callback, "callback");
        if (!isConnected()) {
            callback.onFailure(new IOException("not connected"));
            return;
        }
        ENCODER.write(connection.transport(), request);
        long now = scheduler.clock().nanoTime();
        pending.add(callback, opcode, now + timeoutNanos);
        armExpiry(now);
    }

    // ---------------------------------------------------------------------------------------------
    // Answers, timeouts, loss

    /**
     * An answer: the quiet requests before it were silent, and it settles its own. An answer whose
     * request is no longer waiting (it timed out) is dropped.
     */
    private void answer(McResponse.Response response) {
        int opaque = response.header().opaque();
        if (!pending.contains(opaque)) {
            return;
        }
        while (pending.oldestOpaque() != opaque) {
            settleSilent(pending.oldestOpcode(), pending.removeOldest());
        }
        pending.removeOldest().onResult(McResult.of(response));
    }

    private static void settleSilent(int opcode, McCallback callback) {
        switch (opcode) {
            case Opcode.GETQ, Opcode.GETKQ -> callback.onResult(McResult.silent(McStatus.KEY_NOT_FOUND));
            case Opcode.SETQ, Opcode.DELETEQ -> callback.onResult(McResult.silent(McStatus.NO_ERROR));
            default -> callback.onFailure(new IOException("the server answered a later request first"));
        }
    }

    /** Keeps one timer, due when the oldest waiting request is: deadlines come in opaque order. */
    private void armExpiry(long now) {
        if (expiry == null && !pending.isEmpty()) {
            expiry = scheduler.callLater(Duration.ofNanos(Math.max(0, pending.oldestDeadline() - now)), expireTask);
        }
    }

    private void expire() {
        expiry = null;
        long now = scheduler.clock().nanoTime();
        try {
            while (!pending.isEmpty() && pending.oldestDeadline() - now <= 0) {
                pending.removeOldest().onFailure(new TimeoutException("no answer within "
                        + Duration.ofNanos(timeoutNanos)));
            }
        } finally {
            armExpiry(now);
        }
    }

    private void failAll(CloseReason reason) {
        closed = true;
        if (expiry != null) {
            expiry.cancel();
            expiry = null;
        }
        while (!pending.isEmpty()) {
            pending.removeOldest().onFailure(new IOException("connection closed: " + reason, reason.cause()));
        }
    }

    /** The connection's end of things: the generated dispatch calls it with each answer. */
    private final class Responses implements McResponseHandler<MemcachedClient> {

        @Override
        public void onConnect(Connection<MemcachedClient> connected) {
            connection = connected;
            onConnected.accept(MemcachedClient.this);
        }

        @Override
        public void onResponse(Connection<MemcachedClient> from, McResponse.Response frame) {
            answer(frame);
        }

        @Override
        public void onClose(Connection<MemcachedClient> closed, CloseReason reason) {
            failAll(reason);
        }

        @Override
        public boolean readsWhileUnwritable() {
            return true;
        }
    }
}
