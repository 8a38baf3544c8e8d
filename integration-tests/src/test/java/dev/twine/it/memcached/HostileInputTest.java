package dev.twine.it.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.ExampleProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input on the wire, in both protocols, sent over a plain socket to a real memcached (Debian's,
 * 1.6) and to the packaged Twine server: each gets memcached's answer, or a closed connection where
 * memcached closes, and neither an already open connection nor a new one notices.
 *
 * <p>The expected bytes are memcached's, as it answered each input when this test was written,
 * and every case expects the same answer from both servers. Where the Twine server gets there
 * another way (answering before it has read what memcached reads first), the case says how.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    /** The two servers every case runs against. */
    enum Server { MEMCACHED, TWINE }

    /** The Twine server's heap, in MiB: less than the 200 MiB body it is sent. */
    private static final int TWINE_HEAP_MIB = 128;

    /** How long a read waits for a server that neither answers nor closes. */
    private static final int READ_TIMEOUT_MILLIS = 3000;

    private static final int SET = 0x01;
    private static final int GET = 0x00;
    private static final int INCREMENT = 0x05;
    private static final int NOOP = 0x0a;

    private static final int TOO_LARGE = 0x0003;
    private static final int INVALID_ARGUMENTS = 0x0004;
    private static final int UNKNOWN_COMMAND = 0x0081;

    /** A binary request after the hostile one: its answer, when it comes, shows the connection still reads. */
    private static final int SENTINEL_OPAQUE = 0x5e171e1;
    private static final byte[] BINARY_SENTINEL = request(0x80, NOOP, 0, 0, SENTINEL_OPAQUE, new byte[0]);
    private static final byte[] BINARY_SENTINEL_REPLY = response(NOOP, 0, SENTINEL_OPAQUE, new byte[0]);

    /** The text protocol's sentinel: a touch of a key nobody sets, the only NOT_FOUND in these cases. */
    private static final String TEXT_SENTINEL = "touch sentinel-never-set 0\r\n";
    private static final String TEXT_SENTINEL_REPLY = "NOT_FOUND\r\n";

    private final Map<Server, AutoCloseable> processes = new EnumMap<>(Server.class);
    private final Map<Server, InetSocketAddress> addresses = new EnumMap<>(Server.class);
    private ExampleProcess twine;

    @BeforeAll
    void startBoth() throws IOException {
        RealMemcached memcached = RealMemcached.start();
        processes.put(Server.MEMCACHED, memcached);
        addresses.put(Server.MEMCACHED, memcached.address());
        // A heap smaller than the largest body sent: the Twine server must drop it, not hold it.
        twine = ExampleProcess.startWithMaxHeap(TWINE_HEAP_MIB, "memcached");
        processes.put(Server.TWINE, twine);
        addresses.put(Server.TWINE, twine.address());
    }

    @AfterAll
    void stopBoth() throws Exception {
        for (AutoCloseable process : processes.values()) {
            process.close();
        }
    }

    // ---- binary ----

    /**
     * A set whose body is twice the item limit (1 MiB on both): "Too large.", and the value is read
     * and dropped, so the next request is answered. memcached 1.6.18 decides from the header but,
     * like the Twine server, writes the answer only once it has swallowed the body.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aBodyOverTheItemLimitIsTooLarge(Server server) throws Exception {
        int valueLength = 2 * 1024 * 1024;
        byte[] header = request(0x80, SET, 1, 8, 4, bytes(new byte[8], "k"), 8 + 1 + valueLength);
        byte[] rest = concat(new byte[valueLength], BINARY_SENTINEL);
        assertAnswer(server, concat(header, rest),
                open(response(SET, TOO_LARGE, 4, text("Too large.")), BINARY_SENTINEL_REPLY));
    }

    /**
     * A set of 200 MiB, 200 times the item limit and more than the Twine server's whole heap
     * ({@value #TWINE_HEAP_MIB} MiB): both read the body and drop it, answer "Too large.", and go
     * on, so the Twine server cannot have held it. memcached answers once it has swallowed the
     * body; the Twine server as soon as it has the request's first bytes, and then drops the body
     * as it arrives (its framer skips a frame longer than any item, holding 294 bytes of it).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aBodyFarOverTheItemLimitIsReadDroppedAndTooLarge(Server server) throws Exception {
        int valueLength = 200 * 1024 * 1024;
        byte[] header = request(0x80, SET, 1, 8, 4, bytes(new byte[8], "k"), 8 + 1 + valueLength);
        assertAnswer(server, concat(header, new byte[valueLength], BINARY_SENTINEL),
                open(response(SET, TOO_LARGE, 4, text("Too large.")), BINARY_SENTINEL_REPLY));
    }

    /**
     * A get whose key length (10) is over its body length (5), followed by enough bytes for
     * memcached to read the key it was promised: "Unknown command", and the connection closes.
     * The Twine server's framer refuses the frame, and its handler answers from the raw header.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aKeyLongerThanTheBodyIsAnUnknownCommand(Server server) throws Exception {
        byte[] get = concat(request(0x80, GET, 10, 0, 7, text("abcde"), 5), text("fghijklmnop"));
        assertAnswer(server, get, closed(response(GET, UNKNOWN_COMMAND, 7, text("Unknown command"))));
    }

    /** A set without its 8 bytes of extras (the body long enough for them): "Invalid arguments", closed. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aSetWithoutExtrasIsInvalid(Server server) throws Exception {
        byte[] set = request(0x80, SET, 1, 0, 5, text("k0123456789"));
        assertAnswer(server, set, closed(response(SET, INVALID_ARGUMENTS, 5, text("Invalid arguments"))));
    }

    /** An increment with 8 bytes of extras instead of 20: "Invalid arguments", closed. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void anIncrementWithShortExtrasIsInvalid(Server server) throws Exception {
        byte[] incr = request(0x80, INCREMENT, 1, 8, 5, bytes(new byte[8], "k", new byte[12]));
        assertAnswer(server, incr,
                closed(response(INCREMENT, INVALID_ARGUMENTS, 5, text("Invalid arguments"))));
    }

    /**
     * Extras the opcode does not take, where the body does not fit the opcode's layout: a get with 4
     * bytes of extras, a set with 4 instead of 8. "Invalid arguments", and the connection closes.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void extrasOfTheWrongLengthAreInvalid(Server server) throws Exception {
        byte[] get = request(0x80, GET, 1, 4, 5, bytes(new byte[4], "k"));
        byte[] set = request(0x80, SET, 1, 4, 6, bytes(new byte[4], "k"));
        assertAnswer(server, get, closed(response(GET, INVALID_ARGUMENTS, 5, text("Invalid arguments"))));
        assertAnswer(server, set, closed(response(SET, INVALID_ARGUMENTS, 6, text("Invalid arguments"))));
    }

    /** Opcodes memcached does not have, one with a body: "Unknown command", the body dropped, open. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void unknownOpcodesAreUnknownCommands(Server server) throws Exception {
        byte[] bare = request(0x80, 0x50, 0, 0, 3, new byte[0]);
        byte[] withBody = request(0x80, 0xff, 0, 0, 4, text("hello"));
        assertAnswer(server, concat(bare, withBody, BINARY_SENTINEL),
                open(response(0x50, UNKNOWN_COMMAND, 3, text("Unknown command")),
                        response(0xff, UNKNOWN_COMMAND, 4, text("Unknown command")), BINARY_SENTINEL_REPLY));
    }

    /**
     * A request with the response magic, and one with magic 0, each after a noop (the first byte
     * of a connection picks its protocol, so a bad magic can only come later): the noop is
     * answered, then the connection closes without an answer to the bad request.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aBadMagicByteCloses(Server server) throws Exception {
        for (int magic : new int[] {0x81, 0x00}) {
            byte[] noop = request(0x80, NOOP, 0, 0, 1, new byte[0]);
            byte[] bad = request(magic, NOOP, 0, 0, 2, new byte[0]);
            assertAnswer(server, concat(noop, bad, BINARY_SENTINEL), closed(response(NOOP, 0, 1, new byte[0])));
        }
    }

    // ---- text ----

    /** 3000 bytes with no end of line, more than memcached's 2048 for a line that is not a get: closed. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aLineOverTheLimitWithoutAnEndCloses(Server server) throws Exception {
        assertAnswer(server, text("x".repeat(3000)), closed());
    }

    /** 20000 bytes and then an end of line, more than memcached reads at once: closed. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aLineLongerThanAReadCloses(Server server) throws Exception {
        assertAnswer(server, text("x".repeat(20000) + "\r\n" + TEXT_SENTINEL), closed());
    }

    /**
     * A get of 700 keys, a line of about 3900 bytes: over the 2048 a line may have, but memcached
     * lets a get's line grow (a multi-get) and answers it, and so does the Twine server.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aLongMultiGetIsAnswered(Server server) throws Exception {
        StringBuilder get = new StringBuilder("get");
        for (int i = 0; i < 700; i++) {
            get.append(" key").append(i);
        }
        assertAnswer(server, text("set key699 3 0 2\r\nhi\r\n" + get + "\r\n" + TEXT_SENTINEL),
                open(text("STORED\r\nVALUE key699 3 2\r\nhi\r\nEND\r\n" + TEXT_SENTINEL_REPLY)));
    }

    /**
     * Negative and non-numeric lengths: "CLIENT_ERROR bad command line format", no data block
     * expected, so the block the client sends anyway is a command ({@code ERROR}).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void negativeOrNonNumericLengthsAreBadFormat(Server server) throws Exception {
        for (String length : new String[] {"-1", "abc", "5x", "-5 1"}) {
            String verb = length.contains(" ") ? "cas" : "set";
            assertAnswer(server, text(verb + " k 0 0 " + length + "\r\nhello\r\n" + TEXT_SENTINEL),
                    open(text("CLIENT_ERROR bad command line format\r\nERROR\r\n" + TEXT_SENTINEL_REPLY)));
        }
    }

    /** A length of 2^31 - 1, over what a block may be: "CLIENT_ERROR bad command line format". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aLengthPastTheLargestBlockIsBadFormat(Server server) throws Exception {
        assertAnswer(server, text("set k 0 0 2147483647\r\n" + TEXT_SENTINEL),
                open(text("CLIENT_ERROR bad command line format\r\n" + TEXT_SENTINEL_REPLY)));
    }

    /**
     * A block of 5 bytes where 10 were declared: the block is read on into the next command, does
     * not end in CRLF, "CLIENT_ERROR bad data chunk"; what is left of the line is an empty command.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aShortDataBlockIsABadChunk(Server server) throws Exception {
        assertAnswer(server, text("set k 0 0 10\r\nhello\r\nget k\r\n" + TEXT_SENTINEL),
                open(text("CLIENT_ERROR bad data chunk\r\nERROR\r\n" + TEXT_SENTINEL_REPLY)));
    }

    /**
     * A block of 5 bytes where 3 were declared: "CLIENT_ERROR bad data chunk"; the extra bytes are
     * a command ({@code ERROR}), and the key was not stored.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aLongDataBlockIsABadChunk(Server server) throws Exception {
        assertAnswer(server, text("set k 0 0 3\r\nhello\r\nget k\r\n" + TEXT_SENTINEL),
                open(text("CLIENT_ERROR bad data chunk\r\nERROR\r\nEND\r\n" + TEXT_SENTINEL_REPLY)));
    }

    /** A 2 MB block, over the 1 MiB item limit: refused, the block dropped, the next command answered. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aBlockOverTheItemLimitIsTooLarge(Server server) throws Exception {
        assertAnswer(server, text("set k 0 0 2000000\r\n" + "v".repeat(2000000) + "\r\nget k\r\n" + TEXT_SENTINEL),
                open(text("SERVER_ERROR object too large for cache\r\nEND\r\n" + TEXT_SENTINEL_REPLY)));
    }

    // ---- the exchange ----

    /**
     * What came back on one connection: every byte until the server closed, answered the sentinel,
     * or fell silent for {@value #READ_TIMEOUT_MILLIS} ms; and whether it closed.
     */
    record Answer(String hex, boolean closed) {
        @Override
        public String toString() {
            return (closed ? "closed after " : "open after ") + hex;
        }
    }

    private static Answer open(byte[]... parts) {
        return new Answer(HexFormat.of().formatHex(concat(parts)), false);
    }

    private static Answer closed(byte[]... parts) {
        return new Answer(HexFormat.of().formatHex(concat(parts)), true);
    }

    /**
     * Connects a bystander, sends {@code input} on a connection of its own, compares what comes
     * back, then checks that the bystander and a new connection are both served, and that the
     * server is still running.
     */
    private void assertAnswer(Server server, byte[] input, Answer expected) throws IOException {
        InetSocketAddress address = addresses.get(server);
        try (Socket bystander = connect(address)) {
            Answer answer;
            try (Socket hostile = connect(address)) {
                answer = exchange(hostile, input);
            }
            assertEquals(expected, answer, () -> server + " answered differently" + context(server));
            assertServes(server, bystander, "bystander");
        }
        try (Socket fresh = connect(address)) {
            assertServes(server, fresh, "fresh");
        }
        assertTrue(server != Server.TWINE || twine.isAlive(), () -> "the Twine server exited" + context(server));
    }

    private void assertServes(Server server, Socket socket, String key) throws IOException {
        Answer answer = exchange(socket, text("set " + key + " 0 0 2\r\nok\r\nget " + key + "\r\n" + TEXT_SENTINEL));
        assertEquals(open(text("STORED\r\nVALUE " + key + " 0 2\r\nok\r\nEND\r\n" + TEXT_SENTINEL_REPLY)), answer,
                () -> server + " no longer serves a " + key + " connection" + context(server));
    }

    private String context(Server server) {
        return server == Server.TWINE ? "\nserver stderr:\n" + twine.stderr() : "";
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Writes {@code input}, then reads until the server closes (a reset counts), a sentinel's
     * answer arrives, or the read times out. A server may close before it has read all of the
     * input; the write then fails, and what it answered is still read.
     */
    private static Answer exchange(Socket socket, byte[] input) throws IOException {
        try {
            socket.getOutputStream().write(input);
        } catch (SocketException closedWhileWriting) {
            // Read what came back before it closed.
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        boolean closed = false;
        try {
            for (int n = in.read(buffer); ; n = in.read(buffer)) {
                if (n < 0) {
                    closed = true;
                    break;
                }
                received.write(buffer, 0, n);
                if (endsWithSentinelReply(received.toByteArray())) {
                    break;
                }
            }
        } catch (SocketTimeoutException silent) {
            // Neither an answer nor a close: the server is waiting for more.
        } catch (SocketException reset) {
            closed = true;
        }
        return new Answer(HexFormat.of().formatHex(received.toByteArray()), closed);
    }

    private static boolean endsWithSentinelReply(byte[] received) {
        return endsWith(received, BINARY_SENTINEL_REPLY) || endsWith(received, text(TEXT_SENTINEL_REPLY));
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length
                && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }

    // ---- binary packets, from memcached's protocol_binary.txt ----

    /** A request header with the lengths given, whatever {@code body} is, then the body. */
    private static byte[] request(int magic, int opcode, int keyLength, int extrasLength, int opaque, byte[] body,
            int bodyLength) {
        return ByteBuffer.allocate(24 + body.length)
                .put((byte) magic).put((byte) opcode).putShort((short) keyLength).put((byte) extrasLength)
                .put((byte) 0).putShort((short) 0).putInt(bodyLength).putInt(opaque).putLong(0)
                .put(body).array();
    }

    /** A request whose body length is its body's. */
    private static byte[] request(int magic, int opcode, int keyLength, int extrasLength, int opaque, byte[] body) {
        return request(magic, opcode, keyLength, extrasLength, opaque, body, body.length);
    }

    /** A response with no extras, no key and CAS 0, as memcached writes errors and bare successes. */
    private static byte[] response(int opcode, int status, int opaque, byte[] value) {
        return ByteBuffer.allocate(24 + value.length)
                .put((byte) 0x81).put((byte) opcode).putShort((short) 0).put((byte) 0)
                .put((byte) 0).putShort((short) status).putInt(value.length).putInt(opaque).putLong(0)
                .put(value).array();
    }

    private static byte[] text(String text) {
        return text.getBytes(ISO_8859_1);
    }

    /** Byte arrays and strings (one byte per char), one after the other. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof String s ? text(s) : (byte[]) part);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        return bytes((Object[]) parts);
    }
}
