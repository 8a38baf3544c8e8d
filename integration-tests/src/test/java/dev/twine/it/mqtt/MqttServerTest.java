package dev.twine.it.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import dev.twine.it.support.Hex;
import dev.twine.it.support.Peer;
import dev.twine.runtime.CloseReason;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.testing.Chunking;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A toy broker written against the generated handler and glue — records, one handler class and one
 * {@code serve} line — talking to clients that send the specification's bytes.
 */
class MqttServerTest {

    /** Per connection: the topic filters it subscribed to (exact topics; no wildcards here). */
    private static final class Session {
        final Set<String> filters = new HashSet<>();
    }

    /** Answers each packet as a broker would; a packet only a server sends is a protocol error. */
    private static final class Broker implements MqttPacketHandler<Session> {
        private final Connections<Session> table;
        private final MqttPacketEncoder encoder = new MqttPacketEncoder();

        Broker(Connections<Session> table) {
            this.table = table;
        }

        @Override
        public void onConnect(Connection<Session> connection, Connect frame) {
            encoder.write(connection.transport(), new Connack(false, ConnectReturnCode.ACCEPTED));
        }

        @Override
        public void onPublish(Connection<Session> connection, Publish frame) {
            for (Connection<Session> subscriber : table) {
                if (subscriber.state().filters.contains(frame.topic())) {
                    encoder.write(subscriber.transport(), frame);
                }
            }
        }

        @Override
        public void onSubscribe(Connection<Session> connection, Subscribe frame) {
            for (Subscription subscription : frame.subscriptions()) {
                connection.state().filters.add(subscription.topicFilter());
            }
            encoder.write(connection.transport(), new Suback(frame.packetId(),
                    frame.subscriptions().stream().map(s -> granted(s.requestedQos())).toList()));
        }

        /** Every subscription gets the QoS it asked for. */
        private static SubackReturnCode granted(QoS requested) {
            return switch (requested) {
                case AT_MOST_ONCE -> SubackReturnCode.MAXIMUM_QOS_0;
                case AT_LEAST_ONCE -> SubackReturnCode.MAXIMUM_QOS_1;
                case EXACTLY_ONCE -> SubackReturnCode.MAXIMUM_QOS_2;
            };
        }

        @Override
        public void onPingreq(Connection<Session> connection, Pingreq frame) {
            encoder.write(connection.transport(), new Pingresp());
        }

        @Override
        public void onDisconnect(Connection<Session> connection, Disconnect frame) {
            connection.close();
        }

        @Override
        public void onConnack(Connection<Session> connection, Connack frame) {
            throw fromServerOnly("CONNACK");
        }

        @Override
        public void onSuback(Connection<Session> connection, Suback frame) {
            throw fromServerOnly("SUBACK");
        }

        @Override
        public void onPingresp(Connection<Session> connection, Pingresp frame) {
            throw fromServerOnly("PINGRESP");
        }

        private static CorruptFrameException fromServerOnly(String packet) {
            return new CorruptFrameException("a client sent " + packet + ", which only a server sends");
        }
    }

    private final Connections<Session> table = new Connections<>();
    private final Broker broker = new Broker(table);

    private Peer connect() {
        return Peer.connect(MqttPacketConnections.serve(table, Session::new, broker), Chunking.random(7, 5));
    }

    private static void assertReceived(String hex, Peer peer) {
        assertEquals(Hex.of(Hex.bytes(hex)), Hex.of(peer.takeReceived()));
    }

    @Test
    void aBrokerAnswersConnectSubscribePublishPingAndDisconnect() {
        Peer subscriber = connect();
        Peer publisher = connect();

        subscriber.send(Hex.bytes("10 10 | 00 04 4d 51 54 54 | 04 | 02 | 00 3c | 00 04 74 65 73 74"));
        assertReceived("20 02 00 00", subscriber);
        subscriber.send(Hex.bytes("82 0e | 00 0a | 00 03 61 2f 62 01 | 00 03 63 2f 64 02"));
        assertReceived("90 04 | 00 0a | 01 02", subscriber);

        publisher.send(Hex.bytes("30 0a | 00 03 61 2f 62 | 68 65 6c 6c 6f | 30 0a | 00 03 78 2f 79 | 68 65 6c 6c 6f"));
        assertReceived("30 0a | 00 03 61 2f 62 | 68 65 6c 6c 6f", subscriber);

        subscriber.send(Hex.bytes("c0 00"));
        assertReceived("d0 00", subscriber);

        subscriber.send(Hex.bytes("e0 00"));
        assertEquals(CloseReason.Kind.PEER_CLOSED, subscriber.closeReason().kind(), "the broker closed");
        assertEquals(1, table.size());
    }

    @Test
    void aPacketOnlyAServerSendsClosesOnlyThatClientsConnection() {
        Peer rogue = connect();
        Peer client = connect();

        rogue.send(Hex.bytes("20 02 00 00 | c0 00"));
        client.send(Hex.bytes("c0 00"));

        assertEquals(CloseReason.Kind.PEER_CLOSED, rogue.closeReason().kind());
        assertEquals(0, rogue.takeReceived().length, "not one more packet after the error");
        assertReceived("d0 00", client);
        assertNull(client.closeReason());
        assertEquals(1, table.size());
    }
}
