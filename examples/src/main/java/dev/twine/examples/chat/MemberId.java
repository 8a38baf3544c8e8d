package dev.twine.examples.chat;

/**
 * Who a member is, server-wide: the reactor that serves its connection and the connection's id in
 * that reactor's table (ids are unique per table, not across tables). A value, so that other
 * reactors can hold it without holding anything of the member's.
 */
record MemberId(int reactor, long connection) {

    @Override
    public String toString() {
        return reactor + "/" + connection;
    }
}
