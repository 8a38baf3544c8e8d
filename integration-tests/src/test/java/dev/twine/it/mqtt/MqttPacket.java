package dev.twine.it.mqtt;

import dev.twine.annotations.Code;
import dev.twine.annotations.Field;
import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthPrefix;
import dev.twine.annotations.PresentIf;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;
import dev.twine.annotations.TagField;
import dev.twine.annotations.TagFlags;
import dev.twine.annotations.Varint;
import java.util.List;

/**
 * A subset of MQTT 3.1.1 (OASIS Standard, 29 October 2014), declared as Twine records. Section
 * numbers below are the specification's.
 *
 * <p>Fixed header (2.2): the packet type in the high nibble of byte 0, its flags in the low nibble,
 * then the remaining length as a Variable Byte Integer (2.2.3) of one to four bytes.
 *
 * <pre>
 *   32 | 0c | 00 03 61 2f 62 | 00 0a | 68 65 6c 6c 6f
 *   PUBLISH, QoS 1 | 12 bytes follow | topic "a/b" | packet id 10 | payload "hello"
 * </pre>
 */
@Protocol(tag = @TagField(offset = 0, width = 1, shift = 4),
        length = @LengthField(offset = 1, varint = Varint.MQTT),
        maxFrameLength = MqttPacket.MAX_PACKET_SIZE)
public sealed interface MqttPacket {

    /** The largest packet accepted, as a broker's configured maximum: far below MQTT's 256 MB. */
    int MAX_PACKET_SIZE = 1 << 20;

    /**
     * 3.1: the client's first packet. Its connect flags (3.1.2.3) say which optional payload
     * fields follow: user name (bit 7), password (bit 6), will retain (bit 5), will QoS (bits 4-3),
     * will topic and message (bit 2), clean session (bit 1).
     */
    @Frame(tag = 1)
    record Connect(
            @LengthPrefix(width = 2) String protocolName,
            byte protocolLevel,
            @Field(width = 1, unsigned = true) int connectFlags,
            @Field(width = 2, unsigned = true) int keepAlive,
            @LengthPrefix(width = 2) String clientId,
            @PresentIf(field = "connectFlags", bit = 2) @LengthPrefix(width = 2) String willTopic,
            @PresentIf(field = "connectFlags", bit = 2) @LengthPrefix(width = 2) byte[] willMessage,
            @PresentIf(field = "connectFlags", bit = 7) @LengthPrefix(width = 2) String userName,
            @PresentIf(field = "connectFlags", bit = 6) @LengthPrefix(width = 2) byte[] password)
            implements MqttPacket {}

    /** 3.2: the server's answer to CONNECT. */
    @Frame(tag = 2)
    record Connack(boolean sessionPresent, ConnectReturnCode returnCode) implements MqttPacket {}

    /**
     * 3.3: a message. The flags are DUP (bit 3), QoS (bits 2-1) and RETAIN (bit 0); the packet
     * identifier is there only when QoS is 1 or 2, that is when either QoS bit is set.
     */
    @Frame(tag = 3)
    record Publish(
            @TagFlags int flags,
            @LengthPrefix(width = 2) String topic,
            @PresentIf(field = "flags", mask = 0b0110) @Field(width = 2, unsigned = true) Integer packetId,
            @Rest byte[] payload)
            implements MqttPacket {}

    /** 3.8: subscriptions; its fixed header flags must be 0010 (3.8.1). */
    @Frame(tag = 8, tagFlags = 0b0010)
    record Subscribe(@Field(width = 2, unsigned = true) int packetId, @Rest List<Subscription> subscriptions)
            implements MqttPacket {}

    /** 3.8.3: one topic filter of a SUBSCRIBE and the QoS it asks for. */
    record Subscription(@LengthPrefix(width = 2) String topicFilter, QoS requestedQos) {}

    /** 3.9: the server's answer to SUBSCRIBE, a return code per topic filter. */
    @Frame(tag = 9)
    record Suback(@Field(width = 2, unsigned = true) int packetId, @Rest List<SubackReturnCode> returnCodes)
            implements MqttPacket {}

    /** 3.12. */
    @Frame(tag = 12)
    record Pingreq() implements MqttPacket {}

    /** 3.13. */
    @Frame(tag = 13)
    record Pingresp() implements MqttPacket {}

    /** 3.14. */
    @Frame(tag = 14)
    record Disconnect() implements MqttPacket {}

    /** 4.3: a QoS level; 3 is reserved and a malformed packet (3.8.3.1). */
    enum QoS {
        @Code(0) AT_MOST_ONCE,
        @Code(1) AT_LEAST_ONCE,
        @Code(2) EXACTLY_ONCE
    }

    /** 3.2.2.3: the CONNACK return codes. */
    enum ConnectReturnCode {
        @Code(0) ACCEPTED,
        @Code(1) UNACCEPTABLE_PROTOCOL_VERSION,
        @Code(2) IDENTIFIER_REJECTED,
        @Code(3) SERVER_UNAVAILABLE,
        @Code(4) BAD_USER_NAME_OR_PASSWORD,
        @Code(5) NOT_AUTHORIZED
    }

    /** 3.9.3: the SUBACK return codes. */
    enum SubackReturnCode {
        @Code(0x00) MAXIMUM_QOS_0,
        @Code(0x01) MAXIMUM_QOS_1,
        @Code(0x02) MAXIMUM_QOS_2,
        @Code(0x80) FAILURE
    }
}
