package dev.twine.examples.chat;

import java.io.IOException;

/**
 * Why a member was disconnected for reading too slowly: its connection had more bytes unread than
 * its send queue allows when something happened in its room ({@link ChatSettings#sendQueue()}).
 * The cause of its connection's {@code FAILED} close.
 */
public final class SendQueueExceededException extends IOException {

    private static final long serialVersionUID = 1L;

    SendQueueExceededException(long unread, int sendQueue) {
        super(unread + " bytes unread, over the send queue of " + sendQueue + " bytes");
    }
}
