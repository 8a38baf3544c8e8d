package dev.twine.it.mqtt;

import dev.twine.it.mqtt.MqttPacket.Disconnect;
import dev.twine.it.mqtt.MqttPacket.Pingreq;
import dev.twine.it.mqtt.MqttPacket.Pingresp;
import dev.twine.it.support.RoundTrip;
import org.junit.jupiter.api.Test;

class MqttRoundTripTest {

    @Test
    void randomPacketsOfEveryTypeDecodeBackEqualHoweverTheStreamIsCut() {
        MqttPacketEncoder encoder = new MqttPacketEncoder();
        new RoundTrip<MqttPacket>(MqttPacketFramer::new, encoder::sizeOf, encoder::encode, encoder)
                .frame(MqttPacketFramer.KIND_CONNECT, RandomMqttPackets::connect)
                .frame(MqttPacketFramer.KIND_CONNACK, RandomMqttPackets::connack)
                .frame(MqttPacketFramer.KIND_PUBLISH, RandomMqttPackets::publish)
                .frame(MqttPacketFramer.KIND_SUBSCRIBE, RandomMqttPackets::subscribe)
                .frame(MqttPacketFramer.KIND_SUBACK, RandomMqttPackets::suback)
                .frame(MqttPacketFramer.KIND_PINGREQ, random -> new Pingreq())
                .frame(MqttPacketFramer.KIND_PINGRESP, random -> new Pingresp())
                .frame(MqttPacketFramer.KIND_DISCONNECT, random -> new Disconnect())
                .check();
    }
}
