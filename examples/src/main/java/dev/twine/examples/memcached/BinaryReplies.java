package dev.twine.examples.memcached;

import dev.twine.server.Connection;

/**
 * Writes binary responses with the generated encoder: each echoes its request's opcode and opaque.
 * Whether to answer at all (the quiet opcodes) is the caller's decision.
 */
final class BinaryReplies {

    static final byte[] NONE = {};

    private final McResponseEncoder encoder = new McResponseEncoder();

    /** A response with the given status, CAS, extras, key and value. */
    void send(Connection<?> connection, int opcode, McRequest.Header request, int status, long cas,
            byte[] extras, byte[] key, byte[] value) {
        final var header = new McResponse.Header(opcode, key.length, extras.length, (byte) 0, status,
                request.opaque(), cas);
        encoder.write(connection.transport(), new McResponse.Response(header, extras, key, value));
    }

    /** A success with nothing but the CAS (0 when the command has none to give). */
    void success(Connection<?> connection, int opcode, McRequest.Header request, long cas) {
        send(connection, opcode, request, BinaryStatus.NO_ERROR, cas, NONE, NONE, NONE);
    }

    /** An error response: no extras, no key, the status's message as the value, CAS 0. */
    void error(Connection<?> connection, int opcode, McRequest.Header request, int status) {
        send(connection, opcode, request, status, 0, NONE, NONE, BinaryStatus.message(status));
    }
}
