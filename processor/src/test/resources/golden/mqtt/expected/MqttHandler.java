package demo.mqtt;

import dev.twine.server.Connection;
import dev.twine.server.FrameHandler;
import javax.annotation.processing.Generated;

/**
 * Handles {@link Mqtt} frames: one method per frame type, each called on the reactor
 * thread with the frame and the connection it came from. Serve an implementation with
 * {@link MqttConnections}.
 *
 * <p>Frames from {@link MqttFramer} arrive with their kind, and
 * {@link #onFrameOfKind} switches on it: no type tests, no reflection. The other
 * {@link dev.twine.server.FrameHandler} methods (connect, close, framing errors,
 * backpressure) keep their defaults unless overridden.
 *
 * @param <S> the per-connection state type
 */
@Generated("dev.twine.processor.TwineProcessor")
public interface MqttHandler<S> extends FrameHandler<Mqtt, S> {
    /**
     * A {@link Mqtt.Connect} frame arrived on {@code connection}:
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
     */
    void onConnect(Connection<S> connection, Mqtt.Connect frame);

    /**
     * A {@link Mqtt.Publish} frame arrived on {@code connection}:
     *
     * <pre>
     * offset  size  field
     *      0     1  (tag) 3, in the high 4 bits; flags in the low 4 (flags)
     *      1   1-4  (length) bytes that follow it, MQTT varint
     *    ...   2+n  topic: String, UTF-8, after its length (2 bytes)
     *    ...     n  packetId: Short, big-endian, only if flags &amp; 0x6 is not 0
     *    ...     n  payload: byte[], the rest of the frame
     * </pre>
     */
    void onPublish(Connection<S> connection, Mqtt.Publish frame);

    /**
     * A {@link Mqtt.Subscribe} frame arrived on {@code connection}:
     *
     * <pre>
     * offset  size  field
     *      0     1  (tag) 8, in the high 4 bits; flags in the low 4 = 2
     *      1   1-4  (length) bytes that follow it, MQTT varint
     *    ...     2  packetId: short, big-endian
     *    ...     n  filters: List&lt;Filter&gt;, the rest of the frame
     * </pre>
     */
    void onSubscribe(Connection<S> connection, Mqtt.Subscribe frame);

    /**
     * A {@link Mqtt.PingReq} frame arrived on {@code connection}:
     *
     * <pre>
     * offset  size  field
     *      0     1  (tag) 12, in the high 4 bits; flags in the low 4 = 0
     *      1   1-4  (length) bytes that follow it, MQTT varint
     * </pre>
     */
    void onPingReq(Connection<S> connection, Mqtt.PingReq frame);

    /**
     * The dispatch table: calls the method for {@code kind}.
     */
    @Override
    default void onFrameOfKind(Connection<S> connection, int kind, Mqtt frame) {
        switch (kind) {
            case MqttFramer.KIND_CONNECT -> onConnect(connection, (Mqtt.Connect) frame);
            case MqttFramer.KIND_PUBLISH -> onPublish(connection, (Mqtt.Publish) frame);
            case MqttFramer.KIND_SUBSCRIBE -> onSubscribe(connection, (Mqtt.Subscribe) frame);
            case MqttFramer.KIND_PING_REQ -> onPingReq(connection, (Mqtt.PingReq) frame);
            default -> throw new IllegalArgumentException("no Mqtt frame has kind " + kind);
        }
    }

    /**
     * A frame that came without its kind (from another framer, or a test): calls the
     * method for its type. Frames from {@link MqttFramer} take {@link #onFrameOfKind} instead.
     */
    @Override
    default void onFrame(Connection<S> connection, Mqtt frame) {
        if (frame instanceof Mqtt.Connect frameConnect) {
            onConnect(connection, frameConnect);
        } else if (frame instanceof Mqtt.Publish framePublish) {
            onPublish(connection, framePublish);
        } else if (frame instanceof Mqtt.Subscribe frameSubscribe) {
            onSubscribe(connection, frameSubscribe);
        } else if (frame instanceof Mqtt.PingReq framePingReq) {
            onPingReq(connection, framePingReq);
        } else {
            throw new IllegalArgumentException("not a Mqtt frame: " + frame);
        }
    }
}
