package dev.twine.examples.memcached;

/** What the server keeps for each connection, whichever protocol it speaks. */
public final class Session {

    /** Text protocol: the storage command whose data block the framer is reading, or null. */
    StorageCommand awaitingData;

    /** Text protocol: bytes of a refused data block still to be read and dropped. */
    int bytesToSwallow;
}
