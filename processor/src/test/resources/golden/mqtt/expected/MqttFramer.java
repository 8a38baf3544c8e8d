package demo.mqtt;

import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameHeader;
import dev.twine.framing.HeaderFramer;
import dev.twine.framing.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The incremental framer of {@link Mqtt}: bytes in, whole frames out, each delivered
 * with its kind ({@code KIND_...}).
 *
 * <p>It reads a frame's header as its bytes arrive, decides from the header alone whether
 * the frame is acceptable (length at most 1048576 bytes, a known tag), then waits
 * for the rest of the frame, holding only what has arrived, and decodes it in one pass.
 * A frame that arrives whole is decoded straight from the input. See
 * {@link HeaderFramer} for the state it exposes to tests.
 *
 * <p>One instance per connection; not thread-safe.
 */
@Generated("dev.twine.processor.TwineProcessor")
public final class MqttFramer extends HeaderFramer<Mqtt> {
    /**
     * The kind of {@link Mqtt.Connect} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_CONNECT = 0;

    /**
     * The kind of {@link Mqtt.Publish} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_PUBLISH = 1;

    /**
     * The kind of {@link Mqtt.Subscribe} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_SUBSCRIBE = 2;

    /**
     * The kind of {@link Mqtt.PingReq} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_PING_REQ = 3;

    private static final FrameHeader HEADER = FrameHeader.builder("Mqtt")
            .lengthVarint(1, true, 0)
            .tag(0, 1, 4, true)
            .maxFrameLength(1048576)
            .build();

    /**
     * A framer for one connection: it holds that connection's partial frame.
     */
    public MqttFramer() {
        super(HEADER);
    }

    @Override
    protected long rawTagAt(ByteBuffer frame, int start) {
        // Fixed width and order, so the JIT can fold the read.
        return Byte.toUnsignedLong(frame.get(start));
    }

    @Override
    protected int kindOf(long tag) {
        // The tag field is 4 bits wide, so the cast is exact.
        return switch ((int) tag) {
            case 1 -> KIND_CONNECT;
            case 3 -> KIND_PUBLISH;
            case 8 -> KIND_SUBSCRIBE;
            case 12 -> KIND_PING_REQ;
            default -> -1;
        };
    }

    @Override
    protected Mqtt read(int kind, ByteBuffer frame) {
        return switch (kind) {
            case KIND_CONNECT -> readConnect(frame);
            case KIND_PUBLISH -> readPublish(frame);
            case KIND_SUBSCRIBE -> readSubscribe(frame);
            case KIND_PING_REQ -> readPingReq(frame);
            default -> throw new IllegalArgumentException("no Mqtt frame has kind " + kind);
        };
    }

    private Mqtt.Connect readConnect(ByteBuffer frame) {
        final int start = frame.position();
        if (tagFlags() != 0) {
            throw new CorruptFrameException("Connect frames carry tag flags 0, not " + tagFlags());
        }
        // the tag field, the length field, checked by the framer
        frame.position(start + lengthFieldEnd());
        final int protocolNameSize = Wire.checkLength(Short.toUnsignedLong(frame.getShort()), frame, "Connect.protocolName");
        final String protocolName = Wire.getUtf8(frame, protocolNameSize);
        final byte level = frame.get();
        final byte flags = frame.get();
        final short keepAlive = frame.getShort();
        final int clientIdSize = Wire.checkLength(Short.toUnsignedLong(frame.getShort()), frame, "Connect.clientId");
        final String clientId = Wire.getUtf8(frame, clientIdSize);
        String userName = null;
        if ((flags & 0x80L) != 0) {
            final int userNameSize = Wire.checkLength(Short.toUnsignedLong(frame.getShort()), frame, "Connect.userName");
            userName = Wire.getUtf8(frame, userNameSize);
        }
        byte[] password = null;
        if ((flags & 0x40L) != 0) {
            final int passwordSize = Wire.checkLength(Short.toUnsignedLong(frame.getShort()), frame, "Connect.password");
            password = Wire.getBytes(frame, passwordSize);
        }
        return new Mqtt.Connect(protocolName, level, flags, keepAlive, clientId, userName, password);
    }

    private Mqtt.Publish readPublish(ByteBuffer frame) {
        final int start = frame.position();
        final int flags = tagFlags();
        // the tag field, the length field, checked by the framer
        frame.position(start + lengthFieldEnd());
        final int topicSize = Wire.checkLength(Short.toUnsignedLong(frame.getShort()), frame, "Publish.topic");
        final String topic = Wire.getUtf8(frame, topicSize);
        Short packetId = null;
        if ((flags & 0x6L) != 0) {
            packetId = frame.getShort();
        }
        final int payloadSize = frame.remaining();
        final byte[] payload = Wire.getBytes(frame, payloadSize);
        return new Mqtt.Publish(flags, topic, packetId, payload);
    }

    private Mqtt.Subscribe readSubscribe(ByteBuffer frame) {
        final int start = frame.position();
        if (tagFlags() != 2) {
            throw new CorruptFrameException("Subscribe frames carry tag flags 2, not " + tagFlags());
        }
        // the tag field, the length field, checked by the framer
        frame.position(start + lengthFieldEnd());
        final short packetId = frame.getShort();
        final List<Mqtt.Filter> filters = new ArrayList<>();
        while (frame.hasRemaining()) {
            filters.add(readMqttFilter(frame));
        }
        return new Mqtt.Subscribe(packetId, filters);
    }

    private Mqtt.PingReq readPingReq(ByteBuffer frame) {
        final int start = frame.position();
        if (tagFlags() != 0) {
            throw new CorruptFrameException("PingReq frames carry tag flags 0, not " + tagFlags());
        }
        // the tag field, the length field, checked by the framer
        frame.position(start + lengthFieldEnd());
        return new Mqtt.PingReq();
    }

    private static Mqtt.Filter readMqttFilter(ByteBuffer frame) {
        final int topicSize = Wire.checkLength(Short.toUnsignedLong(frame.getShort()), frame, "Filter.topic");
        final String topic = Wire.getUtf8(frame, topicSize);
        final Mqtt.QoS qos = toMqttQoS(Byte.toUnsignedInt(frame.get()), "Filter.qos");
        return new Mqtt.Filter(topic, qos);
    }

    /**
     * The constant whose code is {@code code}; {@code what} names the component in errors.
     */
    private static Mqtt.QoS toMqttQoS(int code, String what) {
        return switch (code) {
            case 0 -> Mqtt.QoS.AT_MOST_ONCE;
            case 1 -> Mqtt.QoS.AT_LEAST_ONCE;
            case 2 -> Mqtt.QoS.EXACTLY_ONCE;
            default -> throw new CorruptFrameException(what + ": no QoS has the code " + Integer.toUnsignedString(code));
        };
    }
}
