package dev.twine.it.nulls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.it.nulls.Boxed.Reading;
import dev.twine.it.nulls.Boxed.Status;
import dev.twine.it.nulls.Boxed.Value;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A null where the wire needs a value is refused with a {@link NullPointerException} naming the
 * component — before the encoder writes a byte, even when the null is deep in a list element.
 */
class NullComponentsTest {

    private final BoxedEncoder encoder = new BoxedEncoder();

    @Test
    void aCompleteFrameEncodes() {
        byte[] bytes = encoder.toByteArray(new Value(7, Status.FAILED, List.of(new Reading((short) 3, Status.OK))));

        // length 9 | number 00 00 00 07 | status 01 | 1 reading: level 00 03, status 00
        assertArrayEquals(new byte[] {9, 0, 0, 0, 7, 1, 1, 0, 3, 0}, bytes);
    }

    @Test
    void aNullBoxIsRefusedBeforeAnythingIsWritten() {
        assertRefused(new Value(null, Status.OK, List.of()), "Value.number");
    }

    @Test
    void aNullEnumIsRefusedBeforeAnythingIsWritten() {
        assertRefused(new Value(7, null, List.of()), "Value.status");
    }

    @Test
    void aNullInsideAListElementIsRefusedBeforeAnythingIsWritten() {
        assertRefused(new Value(7, Status.OK, List.of(new Reading((short) 1, Status.OK), new Reading(null, Status.OK))),
                "Reading.level");
        assertRefused(new Value(7, Status.OK, Arrays.asList(new Reading((short) 1, Status.OK), null)),
                "Value.readings");
    }

    private void assertRefused(Value frame, String component) {
        ByteBuffer out = ByteBuffer.allocate(64);
        NullPointerException e = assertThrows(NullPointerException.class, () -> encoder.encode(frame, out));
        assertEquals(component, e.getMessage());
        assertEquals(0, out.position(), "nothing written");
    }
}
