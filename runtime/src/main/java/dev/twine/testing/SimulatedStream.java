package dev.twine.testing;

import dev.twine.runtime.CloseReason;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * One direction of a {@link SimulatedConnection}, as TCP carries it: the writer's pending bytes
 * leave in segments of random size, each arriving after a random latency but never before the one
 * ahead of it; what has arrived waits for the reader, who reads it in pieces of random size. The
 * writer's end — end of stream after a close or abort, a reset after the connection broke under it
 * — travels the same way, behind the last segment.
 *
 * <p>Flow control is TCP's window: no more than {@link NetworkConditions#receiveWindow()} bytes
 * may be in flight or waiting unread; the rest stays pending in the writer's transport, where it
 * counts against the writer's watermarks.
 */
final class SimulatedStream {

    private final SimulatedNetwork network;
    private final String name;
    private final MemoryTransport writer;
    private final MemoryTransport reader;
    private final ByteQueue arrived = new ByteQueue();
    /** The stream the other way, which a reset ends too. */
    private SimulatedStream reverse;
    private int bytesInFlight;
    private int eventsInFlight;
    /** When the last thing sent arrives: nothing sent after it may arrive earlier. */
    private long lastArrival = Long.MIN_VALUE;
    /** The writer's end (or a reset from the other way) has been sent: nothing more will be. */
    private boolean ended;

    SimulatedStream(SimulatedNetwork network, String name, MemoryTransport writer, MemoryTransport reader) {
        this.network = network;
        this.name = name;
        this.writer = writer;
        this.reader = reader;
    }

    void pairWith(SimulatedStream reverse) {
        this.reverse = reverse;
    }

    /** True when nothing is on its way: no segment, end of stream or reset. */
    boolean isQuiet() {
        return eventsInFlight == 0;
    }

    /**
     * Sends what the window allows, finishes a close once nothing is pending, and gives the reader
     * one read.
     *
     * @return true if anything happened
     */
    boolean step() {
        boolean acted = transmit();
        if (writer.isClosing() && writer.pending() == 0) {
            writer.finishClosing();
            acted = true;
        }
        return read() | acted;
    }

    /** The writer has closed: its end follows the bytes already sent. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (writer.reason().kind() == CloseReason.Kind.LOST) {
            trace("reset sent");
            send(this::resetArrives);
        } else {
            trace("end of stream sent");
            send(this::endOfStreamArrives);
        }
    }

    /**
     * Sends segments while the window has room. Like a TCP sender avoiding the silly window
     * syndrome (RFC 1122, 4.2.3.4), it does not fill a sliver of window: it waits until a full
     * segment, half the window or everything pending fits. Otherwise a slow reader would draw the
     * stream out a byte or two at a time.
     */
    private boolean transmit() {
        NetworkConditions conditions = network.conditions();
        int worthSending = Math.min(conditions.maxSegmentSize(), Math.max(1, conditions.receiveWindow() / 2));
        boolean sent = false;
        int room;
        while (writer.pending() > 0
                && (room = conditions.receiveWindow() - bytesInFlight - arrived.size()) >= Math.min(worthSending,
                        writer.pending())) {
            int size = network.cut(Math.min(writer.pending(), room), conditions.maxSegmentSize());
            byte[] segment = new byte[size];
            writer.copyPending(ByteBuffer.wrap(segment), size);
            writer.sent(size);
            bytesInFlight += size;
            long arrival = send(() -> arrives(segment));
            if (network.isTracing()) {
                trace(size + " bytes sent, due at " + SimulatedNetwork.millis(arrival));
            }
            sent = true;
        }
        return sent;
    }

    /** Sends one thing down the stream, behind everything sent before; returns when it arrives. */
    private long send(Runnable arrival) {
        long now = network.clock().nanoTime();
        lastArrival = Math.max(now + network.latencyNanos(), lastArrival);
        eventsInFlight++;
        network.schedule(lastArrival - now, () -> {
            eventsInFlight--;
            arrival.run();
        });
        return lastArrival;
    }

    private void arrives(byte[] segment) {
        bytesInFlight -= segment.length;
        // A side that is closing reads nothing more; its kernel takes the bytes and drops them.
        boolean kept = reader.isOpen();
        if (kept) {
            arrived.append(ByteBuffer.wrap(segment));
        }
        if (network.isTracing()) {
            trace(segment.length + (kept ? " bytes arrive" : " bytes arrive at a closing reader and are dropped"));
        }
    }

    private void endOfStreamArrives() {
        trace("end of stream arrives");
        reader.endOfStreamArrived();
    }

    private void resetArrives() {
        trace("reset arrives");
        reverse.ended = true;
        arrived.clear();
        reader.lose(new SocketException("Connection reset"));
    }

    /** One read of what has arrived, if the reader reads; or, once it has read it all, the end. */
    private boolean read() {
        if (arrived.isEmpty()) {
            return reader.seeEndOfStream(true);
        }
        if (!reader.isOpen()) {
            arrived.clear();
            return true;
        }
        if (!reader.isReading()) {
            return false;
        }
        int size = network.cut(arrived.size(), network.conditions().maxReadSize());
        ByteBuffer buffer = network.readBuffer(size);
        arrived.copyTo(buffer, size);
        buffer.flip();
        if (network.isTracing()) {
            trace("reader reads " + size + " of " + arrived.size());
        }
        arrived.discard(reader.deliver(buffer));
        return true;
    }

    private void trace(String event) {
        if (network.isTracing()) {
            network.trace(name + " " + event);
        }
    }
}
