package demo.mqtt;

import dev.twine.annotations.*;
import java.util.List;

@Protocol(tag = @TagField(offset = 0, width = 1, shift = 4),
          length = @LengthField(offset = 1, varint = Varint.MQTT),
          maxFrameLength = 1 << 20)
public sealed interface Mqtt permits Mqtt.Connect, Mqtt.Publish, Mqtt.Subscribe, Mqtt.PingReq {

    enum QoS { @Code(0) AT_MOST_ONCE, @Code(1) AT_LEAST_ONCE, @Code(2) EXACTLY_ONCE }

    @Frame(tag = 1)
    record Connect(@LengthPrefix(width = 2) String protocolName, byte level, @Field(unsigned = true) byte flags,
            short keepAlive, @LengthPrefix(width = 2) String clientId,
            @PresentIf(field = "flags", bit = 7) @LengthPrefix(width = 2) String userName,
            @PresentIf(field = "flags", bit = 6) @LengthPrefix(width = 2) byte[] password) implements Mqtt {}

    @Frame(tag = 3)
    record Publish(@TagFlags int flags, @LengthPrefix(width = 2) String topic,
            @PresentIf(field = "flags", mask = 0b0110) Short packetId, @Rest byte[] payload) implements Mqtt {}

    record Filter(@LengthPrefix(width = 2) String topic, QoS qos) {}

    @Frame(tag = 8, tagFlags = 2)
    record Subscribe(short packetId, @Rest List<Filter> filters) implements Mqtt {}

    @Frame(tag = 12)
    record PingReq() implements Mqtt {}
}
