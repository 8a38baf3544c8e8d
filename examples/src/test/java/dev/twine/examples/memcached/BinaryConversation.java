package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.examples.memcached.ItemModel.Answer;
import dev.twine.runtime.Deferred;
import dev.twine.runtime.CloseReason;
import dev.twine.testing.SimulatedConnection;
import dev.twine.testing.SimulatedNetwork;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One client's conversation with {@link MemcachedServer} over a {@link SimulatedNetwork}: bursts
 * of random pipelined binary requests from a {@link MemcachedClient}, quiet ones included, every
 * answer checked against an {@link ItemModel} as it arrives, then the server's final contents.
 * {@link #run(long)} runs one seed: one to three such clients at once, each on its own keys, on one
 * server.
 *
 * <p>Answers come in request order, so the model runs each request when its answer, or a later
 * one, arrives: a request that failed (timed out) but was followed by an answered one did reach the
 * server, since one connection delivers in order. What the model expects of each request is its
 * {@link McResult} as {@link Outcomes#describe} writes it (CAS aside).
 *
 * <p>Beyond the answers: every request ends exactly once, none hangs; a timeout comes exactly one
 * request timeout after the request was sent, on simulated time; a failure is a timeout, a reset,
 * the client's own (rare, random) close, or "not connected" after one of those — never the server
 * closing on the client; and the server's connection table holds exactly the connections its
 * clients still have.
 */
final class BinaryConversation {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final byte[] NONE = {};

    /** What one seed's conversations came to, for a sweep's totals. */
    record Tally(int answered, int timedOut, int lost) {}

    private final SimulatedNetwork network;
    private final MemcachedServer server;
    private final Workload workload;
    /** Whether this client may flush, which would wipe the other clients' keys too. */
    private final boolean mayFlush;
    private final MemcachedClient client;
    private SimulatedConnection connection;
    /** The client closed its connection mid-conversation, before the request with this index. */
    private int closedBefore = -1;
    private final ItemModel model = new ItemModel();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** Requests before this one have been run on the model. */
    private int applied;
    private int answered;
    private int timedOut;
    private int lost;

    private BinaryConversation(SimulatedNetwork network, MemcachedServer server, String keyPrefix, boolean mayFlush) {
        this.network = network;
        this.server = server;
        this.workload = new Workload(network.random(), keyPrefix);
        this.mayFlush = mayFlush;
        this.client = new MemcachedClient(network.clock(), REQUEST_TIMEOUT);
    }

    /**
     * Runs one seed: its clients connect, take turns sending bursts while the network runs, end
     * with a noop each, and the network runs until idle; then every check.
     *
     * @throws AssertionError listing every problem found, with each client's conversation
     */
    static Tally run(long seed) {
        SimulatedNetwork network = new SimulatedNetwork(seed, Workload.conditionsFor(seed));
        MemcachedServer server = new MemcachedServer(network.clock(), 64L << 20, 1 << 20);
        int clients = 1 + network.random().nextInt(3);
        List<BinaryConversation> conversations = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            BinaryConversation conversation = new BinaryConversation(network, server, "c" + i + ".", clients == 1);
            conversation.connect();
            conversations.add(conversation);
        }
        Workload pacing = conversations.get(0).workload;
        for (int bursts = 1 + pacing.nextInt(4); bursts > 0; bursts--) {
            for (BinaryConversation conversation : conversations) {
                conversation.burst();
            }
            if (pacing.nextBoolean()) {
                network.advance(pacing.pause());
            } else {
                network.runUntilIdle();
            }
        }
        for (BinaryConversation conversation : conversations) {
            conversation.send("noop", model -> ok(), conversation.client::noop);
        }
        network.runUntilIdle();

        List<String> problems = new ArrayList<>();
        long connected = conversations.stream().filter(conversation -> conversation.client.isConnected()).count();
        if (server.stats().currConnections() != connected) {
            problems.add("the server's table holds " + server.stats().currConnections() + " connections; its clients "
                    + connected);
        }
        for (BinaryConversation conversation : conversations) {
            conversation.check();
        }
        int answered = 0;
        int timedOut = 0;
        int lost = 0;
        for (BinaryConversation conversation : conversations) {
            if (!conversation.problems.isEmpty()) {
                problems.add(String.join("\n", conversation.problems) + "\nclient " + conversations.indexOf(conversation)
                        + "'s conversation:\n" + conversation.transcript());
            }
            answered += conversation.answered;
            timedOut += conversation.timedOut;
            lost += conversation.lost;
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems) + "\nunder " + network.conditions());
        }
        return new Tally(answered, timedOut, lost);
    }

    private void connect() {
        connection = network.connect(client, server.factory().newProtocol());
        int[] watermarks = workload.serverWatermarks();
        if (watermarks != null) {
            connection.server().setWriteBufferWatermarks(watermarks[0], watermarks[1]);
        }
    }

    private void burst() {
        for (int size = 1 + workload.nextInt(20); size > 0; size--) {
            sendRandomRequest();
        }
    }

    private void check() {
        checkEveryRequestEnded();
        checkServerContents();
    }

    private void sendRandomRequest() {
        String key = workload.textKey();
        String counter = workload.counterKey();
        int flags = workload.flags();
        String value = workload.letters();
        String shown = Workload.abbreviate(value);
        switch (workload.nextInt(20)) {
            case 0 -> send("set " + key + " " + shown, m -> answer(m.set(key, value, flags)),
                    () -> client.set(key, bytes(value), flags, 0, 0));
            case 1 -> send("setq " + key + " " + shown, m -> answer(m.set(key, value, flags)),
                    () -> client.setq(key, bytes(value), flags, 0, 0));
            case 2 -> send("add " + key + " " + shown, m -> answer(m.add(key, value, flags)),
                    () -> client.add(key, bytes(value), flags, 0));
            case 3 -> send("replace " + key + " " + shown, m -> answer(m.replace(key, value, flags)),
                    () -> client.replace(key, bytes(value), flags, 0, 0));
            case 4 -> send("append " + key + " " + shown, m -> answer(m.append(key, value, false)),
                    () -> client.append(key, bytes(value)));
            case 5 -> send("prepend " + key + " " + shown, m -> answer(m.append(key, value, true)),
                    () -> client.prepend(key, bytes(value)));
            case 6 -> send("get " + key, m -> read(m.get(key), key, false, false), () -> client.get(key));
            case 7 -> send("getk " + key, m -> read(m.get(key), key, true, false), () -> client.getk(key));
            case 8 -> send("getq " + key, m -> read(m.get(key), key, false, true), () -> client.getq(key));
            case 9 -> send("getkq " + key, m -> read(m.get(key), key, true, true), () -> client.getkq(key));
            case 10 -> send("delete " + key, m -> answer(m.delete(key)), () -> client.delete(key));
            case 11 -> send("deleteq " + key, m -> answer(m.delete(key)), () -> client.deleteq(key));
            case 12 -> send("touch " + key, m -> touched(m.get(key)), () -> client.touch(key, 0));
            case 13 -> send("gat " + key, m -> read(m.get(key), key, false, false), () -> client.gat(key, 0));
            case 14 -> {
                String number = workload.digits();
                send("set " + counter + " " + number, m -> answer(m.set(counter, number, flags)),
                        () -> client.set(counter, bytes(number), flags, 0, 0));
            }
            case 15, 16 -> {
                boolean decrement = workload.nextBoolean();
                long delta = workload.delta();
                long initial = workload.initial();
                boolean create = workload.nextBoolean();
                // The binary protocol's expiry 0xffffffff means: do not create a missing counter.
                int expiry = create ? 0 : -1;
                String name = (decrement ? "decr " : "incr ") + counter + " " + Long.toUnsignedString(delta)
                        + (create ? " initial " + Long.toUnsignedString(initial) : " no create");
                Counter counting = decrement ? client::decrement : client::increment;
                send(name, m -> counted(m.incr(counter, delta, decrement, create, initial)),
                        () -> counting.count(counter, delta, initial, expiry));
            }
            case 17 -> send("incr " + key + " 1 no create", m -> counted(m.incr(key, 1, false, false, 0)),
                    () -> client.increment(key, 1, 0, -1));
            case 18 -> send("get " + counter, m -> read(m.get(counter), counter, false, false),
                    () -> client.get(counter));
            default -> {
                if (workload.nextInt(200) == 0) {
                    // Requests on their way fail with the close; those after it are never sent.
                    closedBefore = requests.size();
                    client.close();
                } else if (mayFlush && workload.nextInt(30) == 0) {
                    send("flush", m -> {
                        m.flush();
                        return ok();
                    }, client::flush);
                } else {
                    send("noop", m -> ok(), client::noop);
                }
            }
        }
    }

    /** incr and decr, as one shape. */
    @FunctionalInterface
    private interface Counter {
        Deferred<McResult> count(String key, long delta, long initial, int expiry);
    }

    private void send(String command, Function<ItemModel, McResult> effect, Supplier<Deferred<McResult>> call) {
        Request request = new Request(requests.size(), command, effect, now());
        requests.add(request);
        call.get().addCallbacks(result -> {
            request.onResult(result);
            return null;
        }, failure -> {
            request.onFailure(failure);
            return null;
        });
    }

    private long now() {
        return network.clock().nanoTime();
    }

    // ---------------------------------------------------------------------------------------------
    // What the model says the client should get

    private static McResult ok() {
        return new McResult(McStatus.NO_ERROR, 0, 0, NONE, NONE);
    }

    private static McResult error(McStatus status, String message) {
        return new McResult(status, 0, 0, NONE, bytes(message));
    }

    private static McResult answer(Answer answer) {
        return switch (answer) {
            case OK -> ok();
            case EXISTS -> error(McStatus.KEY_EXISTS, "Data exists for key.");
            case NOT_FOUND -> error(McStatus.KEY_NOT_FOUND, "Not found");
            case NOT_STORED -> error(McStatus.ITEM_NOT_STORED, "Not stored.");
            case NON_NUMERIC -> error(McStatus.NON_NUMERIC, "Non-numeric server-side value for incr or decr");
        };
    }

    /**
     * A get of some kind: a hit carries flags, value and, for getk, the key; a miss is "Not found",
     * or the bare key for getk, or silence for a quiet get (which the client reports as a bare
     * KEY_NOT_FOUND).
     */
    private static McResult read(ItemModel.Item item, String key, boolean withKey, boolean quiet) {
        byte[] returnedKey = withKey ? bytes(key) : NONE;
        if (item != null) {
            return new McResult(McStatus.NO_ERROR, item.flags(), 0, returnedKey, bytes(item.value()));
        }
        if (quiet || withKey) {
            return new McResult(McStatus.KEY_NOT_FOUND, 0, 0, quiet ? NONE : returnedKey, NONE);
        }
        return answer(Answer.NOT_FOUND);
    }

    /** A touch hit carries the item's flags, and no value. */
    private static McResult touched(ItemModel.Item item) {
        return item == null ? answer(Answer.NOT_FOUND) : new McResult(McStatus.NO_ERROR, item.flags(), 0, NONE, NONE);
    }

    /** The new counter as 8 bytes. */
    private static McResult counted(ItemModel.Counted counted) {
        return counted.answer() != Answer.OK ? answer(counted.answer())
                : new McResult(McStatus.NO_ERROR, 0, 0, NONE, ByteBuffer.allocate(8).putLong(counted.value()).array());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }

    // ---------------------------------------------------------------------------------------------
    // Checks

    /** Runs on the model every request before {@code index}, each of which must have failed. */
    private void catchUpTo(int index) {
        for (; applied < index; applied++) {
            Request earlier = requests.get(applied);
            if (earlier.outcome == null || earlier.unsent) {
                problems.add(earlier + " had not ended, or was never sent, yet " + requests.get(index)
                        + " was answered");
            }
            earlier.effect.apply(model);
        }
    }

    private void checkEveryRequestEnded() {
        for (Request request : requests) {
            if (request.outcome == null) {
                problems.add(request + " hangs: the network is idle and it has no outcome");
            }
        }
        if (client.pendingRequests() != 0) {
            problems.add(client.pendingRequests() + " requests still wait in the client");
        }
    }

    private void checkServerContents() {
        List<Consumer<ItemModel>> unknownFate = new ArrayList<>();
        for (Request request : requests.subList(applied, requests.size())) {
            if (!request.unsent) {
                unknownFate.add(request.effect::apply);
            }
        }
        String mismatch = ServerContents.mismatch(server, network.clock(), workload.keys(), model, unknownFate,
                !connection.wasReset());
        if (mismatch != null) {
            problems.add(mismatch);
        }
    }

    private String transcript() {
        StringBuilder out = new StringBuilder();
        for (Request request : requests) {
            if (request.index == closedBefore) {
                out.append("  (the client closes)\n");
            }
            out.append("  ").append(request).append(" -> ").append(Workload.abbreviate(String.valueOf(request.outcome)))
                    .append('\n');
        }
        return out.toString();
    }

    /** One request: what it was, what the model makes of it, and how it ended. */
    private final class Request {
        final int index;
        final String command;
        final Function<ItemModel, McResult> effect;
        final long sentAt;
        String outcome;
        /** It failed at once, the connection being closed: it never reached the network. */
        boolean unsent;

        Request(int index, String command, Function<ItemModel, McResult> effect, long sentAt) {
            this.index = index;
            this.command = command;
            this.effect = effect;
            this.sentAt = sentAt;
        }

        void onResult(McResult result) {
            String actual = Outcomes.describe(result);
            ended(actual);
            catchUpTo(index);
            String expected = Outcomes.describe(effect.apply(model));
            applied = index + 1;
            answered++;
            if (!expected.equals(actual)) {
                problems.add(this + ": expected " + expected + ", got " + actual);
            }
        }

        void onFailure(Throwable cause) {
            ended("failed: " + cause);
            long waited = network.clock().nanoTime() - sentAt;
            if (cause instanceof TimeoutException) {
                timedOut++;
                if (waited != REQUEST_TIMEOUT.toNanos()) {
                    problems.add(this + " timed out after " + Duration.ofNanos(waited) + ", not after "
                            + REQUEST_TIMEOUT);
                }
            } else if (cause instanceof IOException && "not connected".equals(cause.getMessage())) {
                unsent = true;
            } else if (cause instanceof IOException && cause.getCause() instanceof SocketException) {
                lost++;
            } else if (cause instanceof IOException && closedBefore >= 0
                    && cause.getMessage().equals("connection closed: " + CloseReason.closed())) {
                return; // the client's own close
            } else {
                problems.add(this + " failed, but not by a timeout or a reset: " + cause);
            }
        }

        private void ended(String how) {
            if (outcome != null) {
                problems.add(this + " ended twice: " + outcome + ", then " + how);
            }
            outcome = how;
        }

        @Override
        public String toString() {
            return "#" + index + " " + command + " (sent at " + Duration.ofNanos(sentAt) + ")";
        }
    }
}
