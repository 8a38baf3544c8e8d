package dev.twine.it.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.it.review.UnsignedCondition.Reply;
import dev.twine.it.support.Decoding;
import dev.twine.it.support.Hex;
import org.junit.jupiter.api.Test;

/**
 * A {@code @PresentIf(equals = ...)} on an unsigned field compares the field's unsigned value: the
 * byte -56 of an unsigned {@code kind} is 200, not -56, when the condition asks for 200.
 */
class UnsignedConditionTest {

    private final UnsignedConditionEncoder encoder = new UnsignedConditionEncoder();

    @Test
    void presentIfEqualsOnAnUnsignedByteAbove127EncodesTheComponent() {
        byte[] bytes = encoder.toByteArray(new Reply((byte) 200, 7, 0, null));

        assertArrayEquals(Hex.bytes("09 | c8 | 00 00 00 07 | 00 00 00 00"), bytes);
    }

    @Test
    void presentIfEqualsOnAnUnsignedByteAbove127DecodesTheComponent() {
        UnsignedCondition reply = Decoding.single(new UnsignedConditionFramer(), Hex.bytes("09 | c8 | 00 00 00 07 | 00 00 00 00"));

        assertEquals(new Reply((byte) 200, 7, 0, null), reply);
    }

    @Test
    void presentIfEqualsOnAnUnsignedIntAboveIntegerMaxDecodesTheComponent() {
        UnsignedCondition reply = Decoding.single(new UnsignedConditionFramer(), Hex.bytes("07 | 00 | ff ff ff ff | 00 05"));

        assertEquals(new Reply((byte) 0, null, -1, (short) 5), reply);
    }
}
