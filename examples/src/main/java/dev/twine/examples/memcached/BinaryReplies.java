package dev.twine.examples.memcached;

import dev.twine.server.Connection;

/**
 * Writes binary responses with the generated encoder, each in its turn through the connection's
 * {@link ReplyOrder}: straight into the transport's buffer when nothing waits before it, else
 * encoded to be held until it may go. Each echoes its request's opcode and opaque. Whether to answer
 * at all (the quiet opcodes) is the caller's decision.
 */
final class BinaryReplies {

    static final byte[] NONE = {};

    private final McResponseEncoder encoder = new McResponseEncoder();
    /**
     * A hit's extras, the item's flags, written anew for each hit: every response is encoded (into
     * the transport's buffer, or an array of its own) before {@link #send} returns, so one array
     * serves them all.
     */
    private final byte[] flags = new byte[Integer.BYTES];

    /** A response with the given status, CAS, extras, key and value. */
    void send(Connection<Session> connection, int opcode, McRequest.Header request, int status, long cas,
            byte[] extras, byte[] key, byte[] value) {
        final var header = new McResponse.Header(opcode, key.length, extras.length, (byte) 0, status,
                request.opaque(), cas);
        final var response = new McResponse.Response(header, extras, key, value);
        final ReplyOrder order = connection.state().replies;
        if (order.writesThrough()) {
            encoder.write(connection.transport(), response);
        } else {
            order.write(connection, encoder.toByteArray(response));
        }
    }

    /** A hit: the item's flags as the extras, its CAS, then {@code key} and {@code value}. */
    void hit(Connection<Session> connection, int opcode, McRequest.Header request, Item item, byte[] key,
            byte[] value) {
        final int itemFlags = item.flags();
        flags[0] = (byte) (itemFlags >>> 24);
        flags[1] = (byte) (itemFlags >>> 16);
        flags[2] = (byte) (itemFlags >>> 8);
        flags[3] = (byte) itemFlags;
        send(connection, opcode, request, BinaryStatus.NO_ERROR, item.cas(), flags, key, value);
    }

    /** A success with nothing but the CAS (0 when the command has none to give). */
    void success(Connection<Session> connection, int opcode, McRequest.Header request, long cas) {
        send(connection, opcode, request, BinaryStatus.NO_ERROR, cas, NONE, NONE, NONE);
    }

    /** An error response: no extras, no key, the status's message as the value, CAS 0. */
    void error(Connection<Session> connection, int opcode, McRequest.Header request, int status) {
        send(connection, opcode, request, status, 0, NONE, NONE, BinaryStatus.message(status));
    }

    /** Closes the connection once the responses before this point are written. */
    void close(Connection<Session> connection) {
        connection.state().replies.close(connection);
    }
}
