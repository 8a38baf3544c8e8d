package dev.twine.it.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.it.support.Decoding;
import dev.twine.it.support.Hex;
import org.junit.jupiter.api.Test;

/** {@code @Tag} components whose type is narrower than the tag field. */
class TagComponentTest {

    /**
     * The tag is shifted above its flags in long arithmetic: in int, 0x01000000 << 8 is 0, and the
     * frame would go out with tag 0, which the framer rejects as unknown.
     */
    @Test
    void anIntTagShiftedPast32BitsIsWrittenWhole() {
        byte[] bytes = new TagComponentsEncoder().toByteArray(new TagComponents.Op(0x0100_0000, (byte) 9));

        // Shifted in int arithmetic, 0x01000000 << 8 was 0: the frame went out with tag 0.
        assertArrayEquals(Hex.bytes("00 00 00 01 00 00 00 00 | 01 | 09"), bytes); // 1 byte after the length
        assertEquals(new TagComponents.Op(0x0100_0000, (byte) 9), Decoding.single(new TagComponentsFramer(), bytes));
    }
}
