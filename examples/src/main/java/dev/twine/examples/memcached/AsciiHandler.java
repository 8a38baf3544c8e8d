package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.examples.memcached.StorageCommand.Verb;
import dev.twine.framing.FramingException;
import dev.twine.framing.LineDelimited;
import dev.twine.server.Connection;
import dev.twine.server.FrameHandler;
import java.nio.ByteBuffer;

/**
 * memcached's text protocol over a {@link LineDelimited} framer: command lines, and after each
 * storage command its data block, read in raw mode. The answers, errors included, are memcached's
 * own, byte for byte, as its {@code proto_text.c} gives them:
 *
 * <pre>
 * "set k 0 0 5\r\n"   -&gt; a line: parse it, then framer.readRaw(5 + 2)
 * "hello\r\n"         -&gt; a raw block: its last two bytes must be "\r\n"; store "hello"
 *                     &lt;- "STORED\r\n"
 * </pre>
 *
 * <ul>
 *   <li>A wrong number of words, or an unknown command, is {@code ERROR}; a key over
 *       {@value Store#MAX_KEY_LENGTH} bytes or a bad number is a {@code CLIENT_ERROR}. In neither
 *       case is a data block expected: what follows is read as the next command, as memcached
 *       does.</li>
 *   <li>A data block that does not end in {@code \r\n} is {@code CLIENT_ERROR bad data chunk};
 *       the bytes after it are the next command.</li>
 *   <li>An item over the store's size limit is {@code SERVER_ERROR object too large for cache},
 *       and its data block is read and dropped, in pieces no longer than the framer's raw limit.
 *       A {@code set} refused so also deletes the key's old value, as memcached does, so that no
 *       stale value survives.</li>
 *   <li>{@code noreply}, as the last word of a command that takes it, silences every answer to
 *       that command, errors included.</li>
 *   <li>A command line is at most {@value #MAX_LINE_LENGTH} bytes, as memcached's: a longer one
 *       closes the connection without an answer, as does a line that looks like HTTP. The
 *       exception is memcached's too: a line that starts {@code get } or {@code gets } (after at
 *       most 100 spaces) is a multi-key get and may grow, here to {@value #MAX_GET_LINE_LENGTH}
 *       bytes (memcached's own grows without bound; thousands of keys fit in this one).</li>
 * </ul>
 *
 * One instance serves every connection of a reactor; what belongs to a connection is in its
 * {@link Session}. Each command runs on the partition that owns its key ({@link Partitions}), and
 * every reply goes out through the connection's {@link ReplyOrder}, in request order.
 */
public final class AsciiHandler implements FrameHandler<ByteBuffer, Session> {

    /** The longest text command line, as memcached's own limit. */
    static final int MAX_LINE_LENGTH = 2048;

    /** The longest multi-key {@code get}/{@code gets} line. */
    static final int MAX_GET_LINE_LENGTH = 1024 * 1024;

    /** memcached looks past at most this many leading spaces for the {@code get} of a long line. */
    private static final int MAX_LEADING_SPACES = 100;

    /** The longest piece of a refused data block held before it is dropped. */
    static final int SWALLOWED_PIECE = 64 * 1024;

    private static final byte[] CRLF = bytes("");
    private static final byte[] END = bytes("END");
    private static final byte[] ERROR = bytes("ERROR");
    private static final byte[] OK = bytes("OK");
    private static final byte[] RESET = bytes("RESET");
    private static final byte[] STORED = bytes("STORED");
    private static final byte[] DELETED = bytes("DELETED");
    private static final byte[] TOUCHED = bytes("TOUCHED");
    private static final byte[] NOT_STORED = bytes("NOT_STORED");
    private static final byte[] EXISTS = bytes("EXISTS");
    private static final byte[] NOT_FOUND = bytes("NOT_FOUND");
    private static final byte[] NON_NUMERIC =
            bytes("CLIENT_ERROR cannot increment or decrement non-numeric value");
    private static final byte[] BAD_FORMAT = bytes("CLIENT_ERROR bad command line format");
    private static final byte[] BAD_DATA_CHUNK = bytes("CLIENT_ERROR bad data chunk");
    private static final byte[] BAD_EXPTIME = bytes("CLIENT_ERROR invalid exptime argument");
    private static final byte[] BAD_DELTA = bytes("CLIENT_ERROR invalid numeric delta argument");
    private static final byte[] DELETE_USAGE =
            bytes("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]");
    private static final byte[] TOO_LARGE = bytes("SERVER_ERROR object too large for cache");

    /** The data block's own delimiter, which its declared length does not count. */
    private static final int DATA_DELIMITER = 2;

    private final Partitions partitions;
    private final ServerSettings settings;
    /** The words of the line being read; a reply made later must not look at them. */
    private final TextTokens words = new TextTokens();

    AsciiHandler(Partitions partitions, ServerSettings settings) {
        this.partitions = partitions;
        this.settings = settings;
    }

    @Override
    public void onFrame(Connection<Session> connection, ByteBuffer frame) {
        final Session session = connection.state();
        if (session.awaitingData != null) {
            final StorageCommand command = session.awaitingData;
            session.awaitingData = null;
            store(connection, command, frame);
        } else if (session.bytesToSwallow > 0) {
            swallow(connection, session.bytesToSwallow - frame.remaining());
        } else {
            words.split(frame);
            command(connection);
        }
    }

    /**
     * A line over the framer's limit. memcached gives no answer: a line that has not ended within
     * its limit is not a command, so it hangs up — once the commands before it are answered, even
     * by other reactors, the connection's reading stopped meanwhile (see {@link ReplyOrder#close}).
     */
    @Override
    public void onFramingError(Connection<Session> connection, FramingException error) {
        close(connection);
    }

    private void command(Connection<Session> connection) {
        // memcached has no command shorter than two letters.
        if (words.count() == 0 || words.length(0) < 2) {
            write(connection, ERROR);
            return;
        }
        switch (words.string(0)) {
            case "get" -> get(connection, false, false);
            case "gets" -> get(connection, true, false);
            case "gat" -> get(connection, false, true);
            case "gats" -> get(connection, true, true);
            case "set" -> storage(connection, Verb.SET);
            case "add" -> storage(connection, Verb.ADD);
            case "replace" -> storage(connection, Verb.REPLACE);
            case "append" -> storage(connection, Verb.APPEND);
            case "prepend" -> storage(connection, Verb.PREPEND);
            case "cas" -> storage(connection, Verb.CAS);
            case "delete" -> delete(connection);
            case "incr" -> arithmetic(connection, false);
            case "decr" -> arithmetic(connection, true);
            case "touch" -> touch(connection);
            case "flush_all" -> flushAll(connection);
            case "stats" -> stats(connection);
            case "version" -> write(connection, bytes("VERSION " + ServerStats.VERSION));
            case "verbosity" -> verbosity(connection);
            case "quit" -> close(connection);
            default -> unknown(connection);
        }
    }

    /** get, gets, gat and gats: {@code get <key>*}, {@code gat <exptime> <key>*}. */
    private void get(Connection<Session> connection, boolean withCas, boolean touch) {
        if (words.count() < 2) {
            write(connection, ERROR);
            return;
        }
        int firstKey = 1;
        long exptime = 0;
        if (touch) {
            try {
                exptime = (int) words.signed(1);
            } catch (NumberFormatException e) {
                write(connection, BAD_EXPTIME);
                return;
            }
            firstKey = 2;
        }
        // memcached drops the answers for the keys before a long one: check them all first.
        for (int i = firstKey; i < words.count(); i++) {
            if (words.length(i) > Store.MAX_KEY_LENGTH) {
                write(connection, BAD_FORMAT);
                return;
            }
        }
        for (int i = firstKey; i < words.count(); i++) {
            final byte[] key = words.bytes(i);
            final long expiry = exptime;
            partitions.ask(connection, key, store -> touch ? store.getAndTouch(key, expiry) : store.get(key),
                    item -> value(connection, key, item, withCas));
        }
        write(connection, END);
    }

    /** One hit of a get: {@code VALUE <key> <flags> <bytes> [<cas unique>]}, then the value. */
    private static void value(Connection<Session> connection, byte[] key, Item item, boolean withCas) {
        if (item != null) {
            write(connection, bytes("VALUE " + new String(key, ISO_8859_1) + " "
                    + Integer.toUnsignedString(item.flags()) + " " + item.value().length
                    + (withCas ? " " + Long.toUnsignedString(item.cas()) : "")));
            write(connection, item.value());
            write(connection, CRLF);
        }
    }

    /**
     * {@code <verb> <key> <flags> <exptime> <bytes> [noreply]}, and for cas
     * {@code <cas unique>} before {@code [noreply]}: checks the line, then reads the data block.
     */
    private void storage(Connection<Session> connection, Verb verb) {
        final int required = verb == Verb.CAS ? 6 : 5;
        if (words.count() != required && words.count() != required + 1) {
            write(connection, ERROR);
            return;
        }
        final boolean noreply = words.endsWithNoreply();
        if (words.length(1) > Store.MAX_KEY_LENGTH) {
            reply(connection, noreply, BAD_FORMAT);
            return;
        }
        final int flags;
        final long exptime;
        final int length;
        final long cas;
        try {
            // memcached keeps the low 32 bits of each, whatever the client wrote.
            flags = (int) words.unsigned(2);
            exptime = (int) words.signed(3);
            length = (int) words.signed(4);
            cas = verb == Verb.CAS ? words.unsigned(5) : 0;
        } catch (NumberFormatException e) {
            reply(connection, noreply, BAD_FORMAT);
            return;
        }
        if (length < 0 || length > Integer.MAX_VALUE - DATA_DELIMITER) {
            reply(connection, noreply, BAD_FORMAT);
            return;
        }
        final byte[] key = words.bytes(1);
        if ((long) key.length + length > partitions.maxItemBytes()) {
            if (verb == Verb.SET) {
                partitions.ask(connection, key, store -> store.refuseOversizedSet(key),
                        status -> reply(connection, noreply, failure(status)));
            } else {
                reply(connection, noreply, TOO_LARGE);
            }
            swallow(connection, length + DATA_DELIMITER);
            return;
        }
        connection.state().awaitingData = new StorageCommand(verb, key, flags, exptime, cas, noreply);
        framer(connection).readRaw(length + DATA_DELIMITER);
    }

    /** The data block of {@code command}, its {@code \r\n} included. */
    private void store(Connection<Session> connection, StorageCommand command, ByteBuffer block) {
        final int end = block.limit();
        if (block.get(end - 2) != '\r' || block.get(end - 1) != '\n') {
            reply(connection, command.noreply(), BAD_DATA_CHUNK);
            return;
        }
        final byte[] value = new byte[block.remaining() - DATA_DELIMITER];
        block.get(value);
        partitions.ask(connection, command.key(), store -> command.applyTo(store, value),
                status -> reply(connection, command.noreply(), status == Store.Status.OK ? STORED : failure(status)));
    }

    /**
     * Reads and drops the next {@code bytes} bytes, a raw block at a time, each no longer than
     * {@value #SWALLOWED_PIECE} bytes nor than the framer's raw limit: a refused block costs at most
     * that, whatever the item limit.
     */
    private static void swallow(Connection<Session> connection, int bytes) {
        connection.state().bytesToSwallow = bytes;
        if (bytes > 0) {
            final LineDelimited framer = framer(connection);
            framer.readRaw(Math.min(bytes, Math.min(framer.maxRawLength(), SWALLOWED_PIECE)));
        }
    }

    /** {@code delete <key> [0] [noreply]}: memcached still accepts the old hold time, if 0. */
    private void delete(Connection<Session> connection) {
        final int count = words.count();
        if (count < 2 || count > 4) {
            write(connection, ERROR);
            return;
        }
        boolean noreply = false;
        if (count > 2) {
            final boolean holdIsZero = words.is(2, "0");
            noreply = words.endsWithNoreply();
            if (!(count == 3 && (holdIsZero || noreply) || count == 4 && holdIsZero && noreply)) {
                reply(connection, noreply, DELETE_USAGE);
                return;
            }
        }
        if (words.length(1) > Store.MAX_KEY_LENGTH) {
            reply(connection, noreply, BAD_FORMAT);
            return;
        }
        final byte[] key = words.bytes(1);
        final boolean silent = noreply;
        partitions.ask(connection, key, store -> store.delete(key, 0),
                status -> reply(connection, silent, status == Store.Status.OK ? DELETED : failure(status)));
    }

    /** {@code incr|decr <key> <value> [noreply]}. */
    private void arithmetic(Connection<Session> connection, boolean decrement) {
        if (words.count() != 3 && words.count() != 4) {
            write(connection, ERROR);
            return;
        }
        final boolean noreply = words.endsWithNoreply();
        if (words.length(1) > Store.MAX_KEY_LENGTH) {
            reply(connection, noreply, BAD_FORMAT);
            return;
        }
        final long delta;
        try {
            delta = words.unsigned(2);
        } catch (NumberFormatException e) {
            reply(connection, noreply, BAD_DELTA);
            return;
        }
        final byte[] key = words.bytes(1);
        partitions.ask(connection, key, store -> store.incr(key, delta, decrement, false, 0, 0, 0),
                counter -> reply(connection, noreply, counter.status() == Store.Status.OK
                        ? bytes(Long.toUnsignedString(counter.value()))
                        : failure(counter.status())));
    }

    /** {@code touch <key> <exptime> [noreply]}. */
    private void touch(Connection<Session> connection) {
        if (words.count() != 3 && words.count() != 4) {
            write(connection, ERROR);
            return;
        }
        final boolean noreply = words.endsWithNoreply();
        if (words.length(1) > Store.MAX_KEY_LENGTH) {
            reply(connection, noreply, BAD_FORMAT);
            return;
        }
        final long exptime;
        try {
            exptime = (int) words.signed(2);
        } catch (NumberFormatException e) {
            reply(connection, noreply, BAD_EXPTIME);
            return;
        }
        final byte[] key = words.bytes(1);
        partitions.ask(connection, key, store -> store.touch(key, exptime),
                status -> reply(connection, noreply, status == Store.Status.OK ? TOUCHED : failure(status)));
    }

    /**
     * {@code flush_all [delay] [noreply]}. A delay is an expiration time like any other (over 30
     * days, a Unix time), which the store reads as it reads an item's.
     */
    private void flushAll(Connection<Session> connection) {
        if (words.count() > 3) {
            write(connection, ERROR);
            return;
        }
        final boolean noreply = words.endsWithNoreply();
        long delay = 0;
        if (words.count() != (noreply ? 2 : 1)) {
            try {
                delay = (int) words.signed(1);
            } catch (NumberFormatException e) {
                reply(connection, noreply, BAD_EXPTIME);
                return;
            }
        }
        final long when = Math.max(0, delay);
        partitions.doOnAll(connection, partition -> partition.store().flushAll(when), () -> reply(connection, noreply, OK));
    }

    /**
     * {@code stats [group]}: the groups {@link StatsReport} has, and {@code stats reset}
     * ({@code RESET}); any other group is {@code ERROR}, as memcached answers a group it does not
     * know. Words after the group are ignored, as memcached ignores them.
     */
    private void stats(Connection<Session> connection) {
        final String group = words.count() == 1 ? StatsReport.GENERAL : words.string(1);
        if (group.equals(StatsReport.RESET)) {
            partitions.doOnAll(connection, StatsReport::reset, () -> write(connection, RESET));
        } else if (!StatsReport.ask(connection, partitions, settings, group, stats -> {
            final StringBuilder report = new StringBuilder();
            for (StatsReport.Stat stat : stats) {
                report.append("STAT ").append(stat.name()).append(' ').append(stat.value()).append("\r\n");
            }
            write(connection, report.append("END\r\n").toString().getBytes(ISO_8859_1));
        })) {
            write(connection, ERROR);
        }
    }

    /** {@code verbosity <level> [noreply]}: accepted and ignored, there being no log to tune. */
    private void verbosity(Connection<Session> connection) {
        if (words.count() != 2 && words.count() != 3) {
            write(connection, ERROR);
            return;
        }
        final boolean noreply = words.endsWithNoreply();
        try {
            words.unsigned(1);
        } catch (NumberFormatException e) {
            reply(connection, noreply, BAD_FORMAT);
            return;
        }
        reply(connection, noreply, OK);
    }

    /** {@code ERROR}, except that a browser's request gets no answer: memcached hangs up. */
    private void unknown(Connection<Session> connection) {
        if (words.startsWith(words.count() - 1, "HTTP/")) {
            close(connection);
        } else {
            write(connection, ERROR);
        }
    }

    /** The answer to a command that did not do what it asked. */
    private static byte[] failure(Store.Status status) {
        return switch (status) {
            case NOT_STORED -> NOT_STORED;
            case EXISTS -> EXISTS;
            case NOT_FOUND -> NOT_FOUND;
            case TOO_LARGE -> TOO_LARGE;
            case NON_NUMERIC -> NON_NUMERIC;
            case OK -> throw new IllegalArgumentException("OK is not a failure");
        };
    }

    private static void reply(Connection<Session> connection, boolean noreply, byte[] line) {
        if (!noreply) {
            write(connection, line);
        }
    }

    /** Writes {@code reply} in its turn, after the replies to every earlier request. */
    private static void write(Connection<Session> connection, byte[] reply) {
        connection.state().replies.write(connection, reply);
    }

    /** Closes the connection in its turn, once the replies to every earlier request are written. */
    private static void close(Connection<Session> connection) {
        connection.state().replies.close(connection);
    }

    /**
     * A framer for a text connection: lines of {@value #MAX_LINE_LENGTH} bytes or, for a multi-key
     * get, {@value #MAX_GET_LINE_LENGTH}; data blocks up to the item limit and their CRLF.
     */
    static LineDelimited newFramer(int maxItemBytes) {
        return new LineDelimited(LineDelimited.Delimiter.LF_OR_CRLF, MAX_LINE_LENGTH,
                maxItemBytes + DATA_DELIMITER, AsciiHandler::longLineLimit);
    }

    /** memcached's test for a line with no end in sight: only a multi-key get may go on. */
    private static int longLineLimit(ByteBuffer start) {
        int i = start.position();
        while (i < start.limit() && start.get(i) == ' ') {
            i++;
        }
        if (i - start.position() > MAX_LEADING_SPACES) {
            return 0;
        }
        boolean get = startsWith(start, i, "get ") || startsWith(start, i, "gets ");
        return get ? MAX_GET_LINE_LENGTH : 0;
    }

    private static boolean startsWith(ByteBuffer bytes, int at, String prefix) {
        if (bytes.limit() - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes.get(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The framer of a text connection: the server gives each one a {@link LineDelimited}. */
    private static LineDelimited framer(Connection<Session> connection) {
        return (LineDelimited) connection.framer();
    }

    /** A line of the protocol, with its {@code \r\n}. */
    private static byte[] bytes(String line) {
        return (line + "\r\n").getBytes(ISO_8859_1);
    }
}
