package dev.twine.it.mqtt;

import dev.twine.it.mqtt.MqttPacket.Connack;
import dev.twine.it.mqtt.MqttPacket.Connect;
import dev.twine.it.mqtt.MqttPacket.ConnectReturnCode;
import dev.twine.it.mqtt.MqttPacket.Publish;
import dev.twine.it.mqtt.MqttPacket.QoS;
import dev.twine.it.mqtt.MqttPacket.Suback;
import dev.twine.it.mqtt.MqttPacket.SubackReturnCode;
import dev.twine.it.mqtt.MqttPacket.Subscribe;
import dev.twine.it.mqtt.MqttPacket.Subscription;
import dev.twine.it.support.RandomValues;

/** Random packets that MQTT 3.1.1 allows, for the round trip. */
final class RandomMqttPackets {

    private RandomMqttPackets() {}

    /** A CONNECT whose flags (reserved bit 0 clear) decide which optional fields it carries. */
    static Connect connect(RandomValues random) {
        int flags = random.between(0, 0xff) & ~1;
        boolean will = (flags & 0x04) != 0;
        return new Connect("MQTT", (byte) 4, flags, (int) random.unsigned(2), random.utf8(23),
                will ? random.utf8(64) : null,
                will ? random.bytes(random.length(300)) : null,
                (flags & 0x80) != 0 ? random.utf8(32) : null,
                (flags & 0x40) != 0 ? random.bytes(random.length(64)) : null);
    }

    static Connack connack(RandomValues random) {
        return new Connack(random.bool(), random.oneOf(ConnectReturnCode.values()));
    }

    /**
     * A PUBLISH at QoS 0, 1 or 2, with a packet identifier exactly when QoS is above 0, and
     * payloads long enough, now and then, for remaining lengths of two and three bytes.
     */
    static Publish publish(RandomValues random) {
        int qos = random.between(0, 2);
        int flags = (random.bool() ? 0b1000 : 0) | qos << 1 | (random.bool() ? 1 : 0);
        int payload = random.between(0, 99) == 0 ? random.between(0, 20_000) : random.length(300);
        return new Publish(flags, random.utf8(64), qos > 0 ? random.between(1, 0xffff) : null,
                random.bytes(payload));
    }

    static Subscribe subscribe(RandomValues random) {
        return new Subscribe(random.between(1, 0xffff), random.list(random.between(1, 5),
                () -> new Subscription(random.utf8(64), random.oneOf(QoS.values()))));
    }

    static Suback suback(RandomValues random) {
        return new Suback(random.between(1, 0xffff),
                random.list(random.between(1, 5), () -> random.oneOf(SubackReturnCode.values())));
    }
}
