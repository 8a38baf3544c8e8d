package dev.twine.it.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.twine.framing.Allocations;
import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.FramingException;
import dev.twine.it.support.BadInput;
import dev.twine.it.support.Hex;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MqttBadInputTest {

    /** PINGREQ. */
    private static final byte[] GOOD = Hex.bytes("c0 00");

    static Stream<Arguments> badInput() {
        return Stream.of(
                // 2.2.3: the remaining length takes at most four bytes.
                arguments("a remaining length of five bytes", "30 ff ff ff ff 01", CorruptFrameException.class,
                        "does not end within 4 bytes"),
                // 268 435 455, MQTT's largest, is over this server's 1 MiB.
                arguments("a remaining length over the limit", "30 ff ff ff 7f", FrameTooLongException.class,
                        "frame of 268435460 bytes is longer than the limit of 1048576"),
                arguments("packet type 0", "00 00", CorruptFrameException.class, "unknown tag 0x0"),
                arguments("SUBSCRIBE with flags 0000", "80 08 | 00 0a | 00 03 61 2f 62 01",
                        CorruptFrameException.class, "carry tag flags 2, not 0"),
                arguments("SUBSCRIBE asking for QoS 3", "82 08 | 00 0a | 00 03 61 2f 62 03",
                        CorruptFrameException.class, "Subscription.requestedQos: no QoS has the code 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRejectedWithItsTypedError(String name, String hex, Class<? extends FramingException> error,
            String reason) {
        BadInput.rejects(MqttPacketFramer::new, Hex.bytes(hex), error, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void closesOnlyItsConnection(String name, String hex, Class<? extends FramingException> error,
            String reason) {
        BadInput.closesOnlyItsConnection(MqttPacketFramer::new, new MqttPacketEncoder(), GOOD, Hex.bytes(hex),
                error);
    }

    @Test
    void theLargestRemainingLengthIsRejectedFromTheHeaderWithoutAllocating() {
        byte[] header = Hex.bytes("30 ff ff ff 7f");
        long[] declared = new long[1];

        long allocated = Allocations.during(() -> declared[0] = BadInput.rejects(MqttPacketFramer::new, header,
                FrameTooLongException.class, "longer than the limit").declaredLength().orElseThrow());

        assertEquals(5 + 268_435_455, declared[0]);
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated");
    }

    @Test
    void aPacketCutOffByTheEndOfTheStreamClosesOnlyItsConnection() {
        BadInput.truncatedAtEndOfStream(MqttPacketFramer::new, new MqttPacketEncoder(), GOOD,
                Hex.bytes("32 0c | 00 03 61 2f 62"));
    }
}
