package dev.twine.examples.chat;

import dev.twine.runtime.Transport;
import java.time.Duration;
import java.util.Objects;

/**
 * The chat server's two policies, with their knobs.
 *
 * @param idleTimeout how long a member may send nothing before the server says {@link ChatReply.Bye}
 *     and closes its connection; every request it sends starts the wait again
 * @param sendQueue   the most bytes a member may leave unread — IRC's "sendq": the high watermark of
 *     its connection's outgoing buffer (the low one is half of it). A member whose buffer is over it
 *     when something happens in its room is disconnected (see {@link ChatMember})
 */
public record ChatSettings(Duration idleTimeout, int sendQueue) {

    /** Five minutes of silence, and {@link Transport#DEFAULT_HIGH_WATERMARK} (64 KiB) unread. */
    public static final ChatSettings DEFAULTS = new ChatSettings(Duration.ofMinutes(5), Transport.DEFAULT_HIGH_WATERMARK);

    public ChatSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, not " + idleTimeout);
        }
        if (sendQueue < 2) {
            throw new IllegalArgumentException("the send queue must be at least 2 bytes, not " + sendQueue);
        }
    }

    public ChatSettings withIdleTimeout(Duration idleTimeout) {
        return new ChatSettings(idleTimeout, sendQueue);
    }

    public ChatSettings withSendQueue(int sendQueue) {
        return new ChatSettings(idleTimeout, sendQueue);
    }
}
