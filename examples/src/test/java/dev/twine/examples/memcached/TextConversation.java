package dev.twine.examples.memcached;

import dev.twine.examples.memcached.ItemModel.Answer;
import dev.twine.runtime.CloseReason;
import dev.twine.testing.SimulatedConnection;
import dev.twine.testing.SimulatedNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One seed's conversation in memcached's text protocol over a {@link SimulatedNetwork}: a scripted
 * client writes bursts of random commands, {@code noreply} ones among them, and keeps every byte
 * the server sends — except that now and then it stops reading for a while, as a slow peer does.
 * The server answers in order, so an {@link ItemModel} knows the whole reply stream in advance: it
 * must arrive exactly — or, if the connection was reset, a prefix of it — and the server's final
 * contents must agree with the commands that reached it.
 */
final class TextConversation {

    /** The longest the client stops reading for. */
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(50);

    private final SimulatedNetwork network;
    private final Workload workload;
    private final MemcachedServer server;
    private final ReceivingClient client = new ReceivingClient();
    /** The model after every command sent so far: what the replies to them will be. */
    private final ItemModel model = new ItemModel();
    private final StringBuilder expected = new StringBuilder();
    private final List<Command> commands = new ArrayList<>();

    /** A command as sent, what it does to a model (returning its reply), and where its reply ends. */
    private record Command(String text, Function<ItemModel, String> effect, int replyEnd, boolean replies) {}

    TextConversation(long seed) {
        this.network = new SimulatedNetwork(seed, Workload.conditionsFor(seed));
        this.workload = new Workload(network.random(), "");
        this.server = new MemcachedServer(network.clock(), 64L << 20, 1 << 20);
    }

    /**
     * Runs the conversation and checks it.
     *
     * @return true if the connection was reset
     * @throws AssertionError saying what went wrong, with the commands and the replies
     */
    boolean run() {
        SimulatedConnection connection = network.connect(client, server.factory().newProtocol());
        int[] watermarks = workload.serverWatermarks();
        if (watermarks != null) {
            connection.server().setWriteBufferWatermarks(watermarks[0], watermarks[1]);
        }
        for (int bursts = 1 + workload.nextInt(4); bursts > 0; bursts--) {
            for (int size = 1 + workload.nextInt(20); size > 0; size--) {
                sendRandomCommand();
            }
            if (workload.nextInt(3) == 0) {
                client.transport().pauseReading();
                network.clock().callLater(Duration.ofNanos(1 + workload.nextInt((int) LONGEST_PAUSE.toNanos())),
                        client.transport()::resumeReading);
            }
            if (workload.nextBoolean()) {
                network.advance(workload.pause());
            } else {
                network.runUntilIdle();
            }
        }
        // A pause may outlast the traffic: let it end, and what it held back go through.
        network.runUntilIdle();
        network.advance(LONGEST_PAUSE);
        network.runUntilIdle();

        String received = client.takeString();
        boolean open = client.transport().isOpen();
        List<String> problems = new ArrayList<>();
        if (open ? !received.equals(expected.toString()) : !expected.toString().startsWith(received)) {
            int at = 0;
            while (at < received.length() && at < expected.length() && received.charAt(at) == expected.charAt(at)) {
                at++;
            }
            problems.add("the replies part from the model's at char " + at + " of " + received.length()
                    + (open ? "" : " (a reset connection must receive a prefix of them)") + ":\n  expected "
                    + around(expected.toString(), at) + "\n  received " + around(received, at));
        }
        if (!open && client.closeReason().kind() != CloseReason.Kind.LOST) {
            problems.add("the connection ended other than by a reset: " + client.closeReason());
        }
        if (server.stats().currConnections() != (open ? 1 : 0)) {
            problems.add("the server's table holds " + server.stats().currConnections() + " connections");
        }
        String mismatch = checkServerContents(received.length(), open);
        if (mismatch != null) {
            problems.add(mismatch);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems) + "\nunder " + network.conditions()
                    + "\ncommands:\n" + String.join("\n", commands.stream().map(c -> Workload.abbreviate(c.text())).toList()));
        }
        return !open;
    }

    /** Up to 60 chars each side of {@code at}, escaped so line ends show. */
    private static String around(String text, int at) {
        String part = text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60));
        return "\"" + part.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    /**
     * The server ran every command up to the last whose reply arrived whole; of those after it,
     * some prefix (all, if the connection is open).
     */
    private String checkServerContents(int received, boolean open) {
        int certain = 0;
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).replies() && commands.get(i).replyEnd() <= received) {
                certain = i + 1;
            }
        }
        ItemModel ran = new ItemModel();
        List<Consumer<ItemModel>> unknownFate = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Function<ItemModel, String> effect = commands.get(i).effect();
            if (i < certain) {
                effect.apply(ran);
            } else {
                unknownFate.add(effect::apply);
            }
        }
        return ServerContents.mismatch(server, network.clock(), workload.keys(), ran, unknownFate, open);
    }

    private void sendRandomCommand() {
        String key = workload.textKey();
        String counter = workload.counterKey();
        int flags = workload.flags();
        String value = workload.letters();
        boolean noreply = workload.nextInt(5) == 0;
        switch (workload.nextInt(14)) {
            case 0 -> storage("set", key, value, flags, noreply, m -> m.set(key, value, flags));
            case 1 -> storage("add", key, value, flags, noreply, m -> m.add(key, value, flags));
            case 2 -> storage("replace", key, value, flags, noreply, m -> m.replace(key, value, flags));
            case 3 -> storage("append", key, value, flags, noreply, m -> m.append(key, value, false));
            case 4 -> storage("prepend", key, value, flags, noreply, m -> m.append(key, value, true));
            case 5, 6 -> {
                List<String> keys = new ArrayList<>();
                for (int n = 1 + workload.nextInt(3); n > 0; n--) {
                    keys.add(workload.nextBoolean() ? workload.textKey() : workload.counterKey());
                }
                send("get " + String.join(" ", keys) + "\r\n", false, m -> values(m, keys));
            }
            case 7 -> send(withNoreply("delete " + key, noreply), noreply,
                    m -> m.delete(key) == Answer.OK ? "DELETED\r\n" : "NOT_FOUND\r\n");
            case 8 -> send(withNoreply("touch " + key + " 0", noreply), noreply,
                    m -> m.touch(key) == Answer.OK ? "TOUCHED\r\n" : "NOT_FOUND\r\n");
            case 9 -> {
                String number = workload.digits();
                storage("set", counter, number, flags, noreply, m -> m.set(counter, number, flags));
            }
            case 10, 11 -> {
                boolean decrement = workload.nextBoolean();
                long delta = workload.delta();
                send(withNoreply((decrement ? "decr " : "incr ") + counter + " " + Long.toUnsignedString(delta),
                        noreply), noreply, m -> counted(m.incr(counter, delta, decrement, false, 0)));
            }
            case 12 -> send("incr " + key + " 1\r\n", false, m -> counted(m.incr(key, 1, false, false, 0)));
            default -> {
                if (workload.nextInt(30) == 0) {
                    send("flush_all\r\n", false, m -> {
                        m.flush();
                        return "OK\r\n";
                    });
                } else {
                    send("version\r\n", false, m -> "VERSION 1.6.21-twine\r\n");
                }
            }
        }
    }

    /** {@code <verb> <key> <flags> 0 <bytes> [noreply]}, the data block, and STORED or NOT_STORED. */
    private void storage(String verb, String key, String value, int flags, boolean noreply,
            Function<ItemModel, Answer> effect) {
        send(withNoreply(verb + " " + key + " " + flags + " 0 " + value.length(), noreply) + value + "\r\n", noreply,
                m -> effect.apply(m) == Answer.OK ? "STORED\r\n" : "NOT_STORED\r\n");
    }

    private static String withNoreply(String line, boolean noreply) {
        return line + (noreply ? " noreply" : "") + "\r\n";
    }

    private void send(String text, boolean noreply, Function<ItemModel, String> reply) {
        Function<ItemModel, String> effect = noreply ? m -> {
            reply.apply(m);
            return "";
        } : reply;
        expected.append(effect.apply(model));
        commands.add(new Command(text, effect, expected.length(), !noreply));
        client.send(text);
    }

    private static String values(ItemModel model, List<String> keys) {
        StringBuilder reply = new StringBuilder();
        for (String key : keys) {
            ItemModel.Item item = model.get(key);
            if (item != null) {
                reply.append("VALUE ").append(key).append(' ').append(item.flags()).append(' ')
                        .append(item.value().length()).append("\r\n").append(item.value()).append("\r\n");
            }
        }
        return reply.append("END\r\n").toString();
    }

    private static String counted(ItemModel.Counted counted) {
        return switch (counted.answer()) {
            case OK -> Long.toUnsignedString(counted.value()) + "\r\n";
            case NOT_FOUND -> "NOT_FOUND\r\n";
            case NON_NUMERIC -> "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n";
            default -> throw new IllegalStateException("incr cannot answer " + counted);
        };
    }
}
