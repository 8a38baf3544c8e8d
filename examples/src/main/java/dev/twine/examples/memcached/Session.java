package dev.twine.examples.memcached;

/** What the server keeps for each connection, whichever protocol it speaks. */
public final class Session {

    /** The connection's replies, kept in request order when other reactors answer some of them. */
    final ReplyOrder replies = new ReplyOrder();

    /** Text protocol: the storage command whose data block the framer is reading, or null. */
    StorageCommand awaitingData;

    /** Text protocol: bytes of a refused data block still to be read and dropped. */
    int bytesToSwallow;
}
