package dev.twine.runtime;

import java.nio.ByteBuffer;

/**
 * The per-connection half of a network program: bytes in, calls out.
 *
 * <p>A reactor creates one {@code Protocol} per connection (through a {@link ProtocolFactory}) and
 * calls it on the reactor thread only, one callback at a time: callbacks never nest, so between any
 * two statements of a callback nothing else in the reactor runs. Effects a callback asks for —
 * writes, {@link Transport#close() close}, {@link Transport#abort() abort} — take place after it
 * returns, before the reactor does anything else.
 *
 * <p>The life of a connection is {@link #onConnect} once, then any number of {@link #onBytes} and
 * {@link #onWritabilityChanged}, then {@link #onClose} exactly once. An exception thrown from any
 * callback aborts this connection only, with the exception as its {@link CloseReason}; the reactor
 * and every other connection carry on. (One from {@code onClose} is only logged: the connection is
 * already gone.)
 */
public interface Protocol {

    /**
     * The connection is established. Keep {@code transport}: it is how this protocol writes and
     * closes.
     */
    default void onConnect(Transport transport) {}

    /**
     * Bytes arrived. {@code data} is a view, valid only during this call: its contents are
     * overwritten afterwards, so code that must keep bytes copies them.
     *
     * <p>The protocol consumes bytes by advancing {@code data}'s position. Bytes left unconsumed
     * are discarded — unless this call {@linkplain Transport#pauseReading() paused reading}: then
     * the transport keeps them and hands them back, in front of any new bytes, after
     * {@link Transport#resumeReading()}. That is how a framer stops delivering mid-buffer without
     * holding a copy of its own.
     */
    void onBytes(ByteBuffer data);

    /**
     * The transport's outgoing buffer crossed a watermark: {@code false} when it rose above the high
     * watermark (stop producing), {@code true} when it drained to the low watermark (produce again).
     * See {@link Transport#setWriteBufferWatermarks(int, int)}.
     */
    default void onWritabilityChanged(boolean writable) {}

    /**
     * The connection is gone; called exactly once, and nothing is called after it. {@code reason}
     * says who ended it and why.
     */
    default void onClose(CloseReason reason) {}
}
