package dev.twine.it.mqtt;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.twine.framing.CorruptFrameException;
import dev.twine.it.mqtt.MqttPacket.Connack;
import dev.twine.it.mqtt.MqttPacket.Connect;
import dev.twine.it.mqtt.MqttPacket.ConnectReturnCode;
import dev.twine.it.mqtt.MqttPacket.Disconnect;
import dev.twine.it.mqtt.MqttPacket.Pingreq;
import dev.twine.it.mqtt.MqttPacket.Pingresp;
import dev.twine.it.mqtt.MqttPacket.Publish;
import dev.twine.it.mqtt.MqttPacket.QoS;
import dev.twine.it.mqtt.MqttPacket.Suback;
import dev.twine.it.mqtt.MqttPacket.SubackReturnCode;
import dev.twine.it.mqtt.MqttPacket.Subscribe;
import dev.twine.it.mqtt.MqttPacket.Subscription;
import dev.twine.it.support.Decoding;
import dev.twine.it.support.Frames;
import dev.twine.it.support.Hex;
import dev.twine.it.support.Vector;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packets written out by hand from the MQTT 3.1.1 specification (OASIS Standard, 29 October 2014;
 * section numbers are its own): each decodes to the record, and the record encodes to exactly these
 * bytes. Packets the specification calls malformed are rejected.
 */
class MqttSpecVectorsTest {

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    static Stream<Vector<MqttPacket>> packets() {
        return Stream.of(
                // 3.1.2, figure 3.6: protocol name, level 4, flags 0xce (user name, password, will
                // QoS 1, will, clean session), keep alive 10; then the payload fields of 3.1.3 in order.
                new Vector<>("CONNECT with will, user name and password",
                        "10 22 | 00 04 4d 51 54 54 | 04 | ce | 00 0a"
                                + " | 00 05 74 77 69 6e 65 | 00 03 61 2f 62 | 00 03 62 79 65"
                                + " | 00 01 75 | 00 02 70 77",
                        new Connect("MQTT", (byte) 4, 0xce, 10, "twine", "a/b", ascii("bye"), "u",
                                ascii("pw"))),
                // 3.1.2.4: clean session only, so the payload is the client identifier alone; keep
                // alive 60, the mosquitto clients' default.
                new Vector<>("CONNECT with clean session only",
                        "10 10 | 00 04 4d 51 54 54 | 04 | 02 | 00 3c | 00 04 74 65 73 74",
                        new Connect("MQTT", (byte) 4, 0x02, 60, "test", null, null, null, null)),
                // 3.1.2.8, 3.1.2.9: a user name without a password.
                new Vector<>("CONNECT with a user name only",
                        "10 12 | 00 04 4d 51 54 54 | 04 | 82 | 00 3c | 00 01 63 | 00 03 62 6f 62",
                        new Connect("MQTT", (byte) 4, 0x82, 60, "c", null, null, "bob", null)),
                // 3.2.2.3, table 3.1.
                new Vector<>("CONNACK, accepted", "20 02 | 00 | 00",
                        new Connack(false, ConnectReturnCode.ACCEPTED)),
                // 3.2.2.2: session present.
                new Vector<>("CONNACK, session present", "20 02 | 01 | 00",
                        new Connack(true, ConnectReturnCode.ACCEPTED)),
                new Vector<>("CONNACK, not authorized", "20 02 | 00 | 05",
                        new Connack(false, ConnectReturnCode.NOT_AUTHORIZED)),
                // 3.3.2.2: no packet identifier at QoS 0.
                new Vector<>("PUBLISH at QoS 0", "30 0a | 00 03 61 2f 62 | 68 65 6c 6c 6f",
                        new Publish(0b0000, "a/b", null, ascii("hello"))),
                // 3.3.2.3, figure 3.11: topic "a/b", packet identifier 10.
                new Vector<>("PUBLISH at QoS 1", "32 0c | 00 03 61 2f 62 | 00 0a | 68 65 6c 6c 6f",
                        new Publish(0b0010, "a/b", 10, ascii("hello"))),
                // 3.3.1: DUP (bit 3), QoS 2 (bits 2-1), RETAIN (bit 0).
                new Vector<>("PUBLISH at QoS 2, DUP and RETAIN",
                        "3d 0c | 00 03 61 2f 62 | ff fe | 68 65 6c 6c 6f",
                        new Publish(0b1101, "a/b", 0xfffe, ascii("hello"))),
                // 3.3.3: a zero-length payload is valid (with RETAIN it clears the retained message).
                new Vector<>("PUBLISH with an empty payload", "31 05 | 00 03 61 2f 62",
                        new Publish(0b0001, "a/b", null, new byte[0])),
                // 2.2.3, table 2.4: 128 is the first two-byte remaining length, 80 01.
                new Vector<>("PUBLISH of remaining length 128",
                        Hex.concat(Hex.bytes("30 80 01 | 00 03 61 2f 62"), Hex.repeat(123, 'x')),
                        new Publish(0, "a/b", null, Hex.repeat(123, 'x'))),
                // 2.2.3, table 2.4: 16 384 is the first three-byte remaining length, 80 80 01.
                new Vector<>("PUBLISH of remaining length 16384",
                        Hex.concat(Hex.bytes("30 80 80 01 | 00 03 61 2f 62"), Hex.repeat(16_379, 'x')),
                        new Publish(0, "a/b", null, Hex.repeat(16_379, 'x'))),
                // 3.8.2, figure 3.21 (packet identifier 10) and 3.8.3, figure 3.22 ("a/b" at QoS 1,
                // "c/d" at QoS 2); the fixed header's flags are 0010 (3.8.1).
                new Vector<>("SUBSCRIBE to two topic filters",
                        "82 0e | 00 0a | 00 03 61 2f 62 01 | 00 03 63 2f 64 02",
                        new Subscribe(10, List.of(new Subscription("a/b", QoS.AT_LEAST_ONCE),
                                new Subscription("c/d", QoS.EXACTLY_ONCE)))),
                // 3.9.2, figure 3.25 and 3.9.3, figure 3.26: QoS 0, QoS 2, failure.
                new Vector<>("SUBACK with three return codes", "90 05 | 00 0a | 00 02 80",
                        new Suback(10, List.of(SubackReturnCode.MAXIMUM_QOS_0,
                                SubackReturnCode.MAXIMUM_QOS_2, SubackReturnCode.FAILURE))),
                // 3.12, 3.13, 3.14: a fixed header and nothing else.
                new Vector<>("PINGREQ", "c0 00", new Pingreq()),
                new Vector<>("PINGRESP", "d0 00", new Pingresp()),
                new Vector<>("DISCONNECT", "e0 00", new Disconnect()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void decodesTheSpecificationsBytes(Vector<MqttPacket> vector) {
        MqttPacket decoded = Decoding.single(new MqttPacketFramer(), vector.bytes());

        Frames.assertFrameEquals(vector.frame(), decoded, vector.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void encodesToTheSpecificationsBytes(Vector<MqttPacket> vector) {
        MqttPacketEncoder encoder = new MqttPacketEncoder();

        assertEquals(vector.bytes().length, encoder.sizeOf(vector.frame()), "sizeOf");
        assertEquals(Hex.of(vector.bytes()), Hex.of(encoder.toByteArray(vector.frame())));
    }

    /** Packets the specification calls malformed, each with the rule it breaks. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                // 2.2.1, table 2.1: packet types 0 and 15 are reserved.
                arguments("packet type 0", "00 00"),
                arguments("packet type 15", "f0 00"),
                // 2.2.2, table 2.2: PINGREQ's flags are reserved, 0000.
                arguments("PINGREQ with flags 0001", "c1 00"),
                // 3.8.1: SUBSCRIBE's flags must be 0010.
                arguments("SUBSCRIBE with flags 0000", "80 08 | 00 0a | 00 03 61 2f 62 01"),
                // 3.8.3.1: a requested QoS of 3.
                arguments("SUBSCRIBE asking for QoS 3", "82 08 | 00 0a | 00 03 61 2f 62 03"),
                // 3.2.2.3: return codes 6 to 255 are reserved.
                arguments("CONNACK with return code 6", "20 02 | 00 | 06"),
                // 3.3.2.2: QoS 1 needs a packet identifier, and the packet ends before it.
                arguments("PUBLISH at QoS 1 without a packet identifier", "32 05 | 00 03 61 2f 62"),
                // 1.5.3: a string whose length runs past the end of the packet.
                arguments("PUBLISH whose topic runs past the packet", "30 05 | 00 09 61 2f 62"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedPackets(String name, String hex) {
        MqttPacketFramer framer = new MqttPacketFramer();

        assertThrows(CorruptFrameException.class, () -> Decoding.single(framer, Hex.bytes(hex)));
        assertTrue(framer.hasFailed(), "poisoned");
    }

    /** Packets the specification forbids a sender to build, each refused before a byte is written. */
    static Stream<Arguments> unsendable() {
        return Stream.of(
                // 3.3.2.2: a packet identifier only at QoS 1 and 2.
                arguments("PUBLISH at QoS 0 with a packet identifier",
                        new Publish(0b0000, "a/b", 7, ascii("hi"))),
                arguments("PUBLISH at QoS 1 without a packet identifier",
                        new Publish(0b0010, "a/b", null, ascii("hi"))),
                // 2.3.1: a packet identifier is 16 bits.
                arguments("PUBLISH with a 17-bit packet identifier",
                        new Publish(0b0010, "a/b", 0x10000, ascii("hi"))),
                // 3.1.2.5: the will flag says the will topic and message are there.
                arguments("CONNECT with the will flag but no will",
                        new Connect("MQTT", (byte) 4, 0x06, 60, "c", null, null, null, null)),
                arguments("CONNECT with a password but no password flag",
                        new Connect("MQTT", (byte) 4, 0x02, 60, "c", null, null, null, ascii("pw"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsendable")
    void refusesToEncodePacketsTheSpecificationForbids(String name, MqttPacket packet) {
        ByteBuffer out = ByteBuffer.allocate(64);

        assertThrows(IllegalArgumentException.class, () -> new MqttPacketEncoder().encode(packet, out));
        assertEquals(0, out.position(), "bytes written before refusing");
    }
}
