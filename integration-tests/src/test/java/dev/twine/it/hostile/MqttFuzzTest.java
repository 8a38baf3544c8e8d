package dev.twine.it.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.framing.FramingProperties;
import dev.twine.framing.FuzzedStream;
import dev.twine.it.mqtt.MqttPacket;
import dev.twine.it.mqtt.MqttPacketEncoder;
import dev.twine.it.mqtt.MqttPacketFramer;

/**
 * Fuzzes the generated framer of {@link MqttPacket}, for the header items {@link EverythingFuzzTest}'s
 * protocol does not use: a tag in the high bits of its byte ({@code TagField.shift}), the low bits
 * read as a frame's {@code @TagFlags} or required to equal its {@code Frame.tagFlags}, and a length
 * field that is a variable-length integer. It must keep {@link FramingProperties}' promises for any
 * input (the configuration byte of the {@link FuzzedStream} is unused), and every packet it decodes
 * must come back from its encoding ({@link EncodedBack}).
 */
class MqttFuzzTest {

    private static final EncodedBack<MqttPacket> ENCODED_BACK =
            new EncodedBack<>(new MqttPacketEncoder()::toByteArray, MqttPacketFramer::new, MqttPacket.MAX_PACKET_SIZE);

    @FuzzTest
    void decode(byte[] input) {
        new FramingProperties<MqttPacket>(MqttPacketFramer::new, MqttPacket.MAX_PACKET_SIZE, ENCODED_BACK)
                .check(FuzzedStream.of(input));
    }
}
