package demo.mqtt;

import dev.twine.framing.FrameEncoder;
import dev.twine.framing.Wire;
import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Encodes {@link Mqtt} frames: each frame's exact size, and its bytes written in one
 * pass, with the length, tag and magic header fields filled in.
 *
 * <p>{@code encode} writes into a {@code ByteBuffer} of the caller's; {@code write}
 * puts the frame straight into the transport's outgoing buffer
 * ({@link Transport#claim}), with no copy. A frame that cannot be expressed (a value too
 * wide for its field, a list whose size disagrees with its count field) is refused
 * with {@link IllegalArgumentException} before anything is written. It keeps no
 * state: one instance may serve every connection, of every reactor.
 */
@Generated("dev.twine.processor.TwineProcessor")
public final class MqttEncoder implements FrameEncoder<Mqtt> {
    /**
     * The exact number of bytes {@code frame} takes on the wire, header included.
     */
    public int sizeOf(Mqtt frame) {
        if (frame instanceof Mqtt.Connect connect) {
            return sizeOf(connect);
        } else if (frame instanceof Mqtt.Publish publish) {
            return sizeOf(publish);
        } else if (frame instanceof Mqtt.Subscribe subscribe) {
            return sizeOf(subscribe);
        } else if (frame instanceof Mqtt.PingReq pingReq) {
            return sizeOf(pingReq);
        } else {
            throw new IllegalArgumentException("not a Mqtt frame: " + frame);
        }
    }

    /**
     * Writes {@code frame} at {@code out}'s position, advancing it by
     * {@link #sizeOf(Mqtt) sizeOf(frame)} bytes.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Mqtt frame, ByteBuffer out) {
        if (frame instanceof Mqtt.Connect connect) {
            encode(connect, out);
        } else if (frame instanceof Mqtt.Publish publish) {
            encode(publish, out);
        } else if (frame instanceof Mqtt.Subscribe subscribe) {
            encode(subscribe, out);
        } else if (frame instanceof Mqtt.PingReq pingReq) {
            encode(pingReq, out);
        } else {
            throw new IllegalArgumentException("not a Mqtt frame: " + frame);
        }
    }

    /**
     * Queues {@code frame}'s bytes on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    @Override
    public void write(Transport transport, Mqtt frame) {
        if (frame instanceof Mqtt.Connect connect) {
            write(transport, connect);
        } else if (frame instanceof Mqtt.Publish publish) {
            write(transport, publish);
        } else if (frame instanceof Mqtt.Subscribe subscribe) {
            write(transport, subscribe);
        } else if (frame instanceof Mqtt.PingReq pingReq) {
            write(transport, pingReq);
        } else {
            throw new IllegalArgumentException("not a Mqtt frame: " + frame);
        }
    }

    /**
     * {@code frame}'s bytes in a new array: for tests, logs and one-off sends.
     */
    public byte[] toByteArray(Mqtt frame) {
        final byte[] bytes = new byte[sizeOf(frame)];
        encode(frame, ByteBuffer.wrap(bytes));
        return bytes;
    }

    /**
     * The exact number of bytes a {@link Mqtt.Connect} frame takes on the wire.
     */
    public int sizeOf(Mqtt.Connect frame) {
        return sizeFor(measureConnect(frame));
    }

    /**
     * Writes a {@link Mqtt.Connect} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     1  (tag) 1, in the high 4 bits; flags in the low 4 = 0
     *      1   1-4  (length) bytes that follow it, MQTT varint
     *    ...   2+n  protocolName: String, UTF-8, after its length (2 bytes)
     *    ...     1  level: byte
     *    ...     1  flags: byte, unsigned
     *    ...     2  keepAlive: short, big-endian
     *    ...   2+n  clientId: String, UTF-8, after its length (2 bytes)
     *    ...   2+n  userName: String, UTF-8, after its length (2 bytes), only if bit 7 of flags is set
     *    ...   2+n  password: byte[], after its length (2 bytes), only if bit 6 of flags is set
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Mqtt.Connect frame, ByteBuffer out) {
        final int measured = measureConnect(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "Connect");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putConnect(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Mqtt.Connect} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Mqtt.Connect frame) {
        final int measured = measureConnect(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putConnect(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size without the length field.
     */
    private int measureConnect(Mqtt.Connect frame) {
        long size = 0;
        final String protocolName = Objects.requireNonNull(frame.protocolName(), "Connect.protocolName");
        final int protocolNameSize = Wire.utf8Length(protocolName);
        Wire.checkFits(protocolNameSize, 2, true, "Connect.protocolName");
        size += protocolNameSize;
        final String clientId = Objects.requireNonNull(frame.clientId(), "Connect.clientId");
        final int clientIdSize = Wire.utf8Length(clientId);
        Wire.checkFits(clientIdSize, 2, true, "Connect.clientId");
        size += clientIdSize;
        final String userName = frame.userName();
        if ((frame.flags() & 0x80L) != 0) {
            if (userName == null) {
                throw new IllegalArgumentException("Connect.userName is required when bit 7 of flags is set");
            }
            final int userNameSize = Wire.utf8Length(userName);
            Wire.checkFits(userNameSize, 2, true, "Connect.userName");
            size += userNameSize;
            size += 2;
        } else if (userName != null) {
            throw new IllegalArgumentException("Connect.userName must be null when bit 7 of flags is clear");
        }
        final byte[] password = frame.password();
        if ((frame.flags() & 0x40L) != 0) {
            if (password == null) {
                throw new IllegalArgumentException("Connect.password is required when bit 6 of flags is set");
            }
            final int passwordSize = password.length;
            Wire.checkFits(passwordSize, 2, true, "Connect.password");
            size += passwordSize;
            size += 2;
        } else if (password != null) {
            throw new IllegalArgumentException("Connect.password must be null when bit 6 of flags is clear");
        }
        return Wire.toSize(size + 9, "Connect");
    }

    private void putConnect(Mqtt.Connect frame, ByteBuffer out, long length) {
        out.put((byte) 0x10);
        Wire.putVarint(out, length, true);
        out.putShort((short) Wire.utf8Length(frame.protocolName()));
        Wire.putUtf8(out, frame.protocolName());
        out.put(frame.level());
        out.put(frame.flags());
        out.putShort(frame.keepAlive());
        out.putShort((short) Wire.utf8Length(frame.clientId()));
        Wire.putUtf8(out, frame.clientId());
        final String userName = frame.userName();
        if (userName != null) {
            out.putShort((short) Wire.utf8Length(userName));
            Wire.putUtf8(out, userName);
        }
        final byte[] password = frame.password();
        if (password != null) {
            out.putShort((short) password.length);
            out.put(password);
        }
    }

    /**
     * The exact number of bytes a {@link Mqtt.Publish} frame takes on the wire.
     */
    public int sizeOf(Mqtt.Publish frame) {
        return sizeFor(measurePublish(frame));
    }

    /**
     * Writes a {@link Mqtt.Publish} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     1  (tag) 3, in the high 4 bits; flags in the low 4 (flags)
     *      1   1-4  (length) bytes that follow it, MQTT varint
     *    ...   2+n  topic: String, UTF-8, after its length (2 bytes)
     *    ...     n  packetId: Short, big-endian, only if flags &amp; 0x6 is not 0
     *    ...     n  payload: byte[], the rest of the frame
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Mqtt.Publish frame, ByteBuffer out) {
        final int measured = measurePublish(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "Publish");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putPublish(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Mqtt.Publish} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Mqtt.Publish frame) {
        final int measured = measurePublish(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putPublish(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size without the length field.
     */
    private int measurePublish(Mqtt.Publish frame) {
        long size = 0;
        if (frame.flags() < 0 || frame.flags() >= 16) {
            throw new IllegalArgumentException("Publish.flags must fit in 4 bits, not " + frame.flags());
        }
        final String topic = Objects.requireNonNull(frame.topic(), "Publish.topic");
        final int topicSize = Wire.utf8Length(topic);
        Wire.checkFits(topicSize, 2, true, "Publish.topic");
        size += topicSize;
        final Short packetId = frame.packetId();
        if ((frame.flags() & 0x6L) != 0) {
            if (packetId == null) {
                throw new IllegalArgumentException("Publish.packetId is required when flags & 0x6 is not 0");
            }
            size += 2;
        } else if (packetId != null) {
            throw new IllegalArgumentException("Publish.packetId must be null when flags & 0x6 is 0");
        }
        final byte[] payload = Objects.requireNonNull(frame.payload(), "Publish.payload");
        final int payloadSize = payload.length;
        size += payloadSize;
        return Wire.toSize(size + 3, "Publish");
    }

    private void putPublish(Mqtt.Publish frame, ByteBuffer out, long length) {
        out.put((byte) (3L << 4 | frame.flags()));
        Wire.putVarint(out, length, true);
        out.putShort((short) Wire.utf8Length(frame.topic()));
        Wire.putUtf8(out, frame.topic());
        final Short packetId = frame.packetId();
        if (packetId != null) {
            out.putShort(packetId.shortValue());
        }
        out.put(frame.payload());
    }

    /**
     * The exact number of bytes a {@link Mqtt.Subscribe} frame takes on the wire.
     */
    public int sizeOf(Mqtt.Subscribe frame) {
        return sizeFor(measureSubscribe(frame));
    }

    /**
     * Writes a {@link Mqtt.Subscribe} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     1  (tag) 8, in the high 4 bits; flags in the low 4 = 2
     *      1   1-4  (length) bytes that follow it, MQTT varint
     *    ...     2  packetId: short, big-endian
     *    ...     n  filters: List&lt;Filter&gt;, the rest of the frame
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Mqtt.Subscribe frame, ByteBuffer out) {
        final int measured = measureSubscribe(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "Subscribe");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putSubscribe(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Mqtt.Subscribe} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Mqtt.Subscribe frame) {
        final int measured = measureSubscribe(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putSubscribe(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size without the length field.
     */
    private int measureSubscribe(Mqtt.Subscribe frame) {
        long size = 0;
        final List<Mqtt.Filter> filters = Objects.requireNonNull(frame.filters(), "Subscribe.filters");
        long filtersSize = 0;
        for (final Mqtt.Filter each : filters) {
            filtersSize += measureMqttFilter(Objects.requireNonNull(each, "Subscribe.filters"));
        }
        size += filtersSize;
        return Wire.toSize(size + 3, "Subscribe");
    }

    private void putSubscribe(Mqtt.Subscribe frame, ByteBuffer out, long length) {
        out.put((byte) 0x82);
        Wire.putVarint(out, length, true);
        out.putShort(frame.packetId());
        for (final Mqtt.Filter each : frame.filters()) {
            putMqttFilter(each, out);
        }
    }

    /**
     * The exact number of bytes a {@link Mqtt.PingReq} frame takes on the wire.
     */
    public int sizeOf(Mqtt.PingReq frame) {
        return sizeFor(measurePingReq(frame));
    }

    /**
     * Writes a {@link Mqtt.PingReq} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     1  (tag) 12, in the high 4 bits; flags in the low 4 = 0
     *      1   1-4  (length) bytes that follow it, MQTT varint
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Mqtt.PingReq frame, ByteBuffer out) {
        final int measured = measurePingReq(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "PingReq");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putPingReq(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Mqtt.PingReq} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Mqtt.PingReq frame) {
        final int measured = measurePingReq(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putPingReq(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size without the length field.
     */
    private int measurePingReq(Mqtt.PingReq frame) {
        return 1;
    }

    private void putPingReq(Mqtt.PingReq frame, ByteBuffer out, long length) {
        out.put((byte) 0xc0);
        Wire.putVarint(out, length, true);
    }

    /**
     * Checks that {@code element} can be written, and returns its size.
     */
    private int measureMqttFilter(Mqtt.Filter element) {
        long size = 0;
        final String topic = Objects.requireNonNull(element.topic(), "Filter.topic");
        final int topicSize = Wire.utf8Length(topic);
        Wire.checkFits(topicSize, 2, true, "Filter.topic");
        size += topicSize;
        Objects.requireNonNull(element.qos(), "Filter.qos");
        return Wire.toSize(size + 3, "Filter");
    }

    private void putMqttFilter(Mqtt.Filter element, ByteBuffer out) {
        out.putShort((short) Wire.utf8Length(element.topic()));
        Wire.putUtf8(out, element.topic());
        out.put((byte) codeOfMqttQoS(element.qos()));
    }

    private static int codeOfMqttQoS(Mqtt.QoS value) {
        return switch (value) {
            case AT_MOST_ONCE -> 0;
            case AT_LEAST_ONCE -> 1;
            case EXACTLY_ONCE -> 2;
        };
    }

    /**
     * The length field's value: the bytes after it (it starts at 1), less the
     * adjustment (0).
     */
    private static long lengthValue(int measured) {
        final long value = (long) measured - 1;
        Wire.checkVarint(value, true, "the length field");
        return value;
    }

    private static int sizeFor(int measured) {
        return Wire.toSize((long) measured + Wire.varintSize(lengthValue(measured), true), "the frame");
    }
}
