package dev.twine.it.everything;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.twine.it.everything.Everything.Box;
import dev.twine.it.everything.Everything.ByteOrders;
import dev.twine.it.everything.Everything.Capped;
import dev.twine.it.everything.Everything.Colour;
import dev.twine.it.everything.Everything.Conditional;
import dev.twine.it.everything.Everything.Delimited;
import dev.twine.it.everything.Everything.Derived;
import dev.twine.it.everything.Everything.Echo;
import dev.twine.it.everything.Everything.Empty;
import dev.twine.it.everything.Everything.FixedSizes;
import dev.twine.it.everything.Everything.Labelled;
import dev.twine.it.everything.Everything.Lists;
import dev.twine.it.everything.Everything.Nesting;
import dev.twine.it.everything.Everything.Point;
import dev.twine.it.everything.Everything.Prefixed;
import dev.twine.it.everything.Everything.Scalars;
import dev.twine.it.everything.Everything.Signed;
import dev.twine.it.everything.Everything.Unsigned;
import dev.twine.it.support.RandomValues;
import java.util.List;

/**
 * Random {@link Everything} frames for the round trip: any value each component's layout can
 * carry, with the components that others name (lengths, counts, flags) made to agree with them.
 */
final class RandomFrames {

    private RandomFrames() {}

    static Empty empty(RandomValues random) {
        return new Empty(channel(random));
    }

    static Signed signed(RandomValues random) {
        return new Signed(channel(random), (byte) random.signed(1), (short) random.signed(2),
                (int) random.signed(3), (int) random.signed(4), random.signed(5), random.signed(6),
                random.signed(7), random.signed(8));
    }

    static Unsigned unsigned(RandomValues random) {
        return new Unsigned(channel(random), (int) random.unsigned(1), (int) random.unsigned(2),
                (int) random.unsigned(3), random.unsigned(4), random.unsigned(5), random.unsigned(6),
                random.unsigned(7), random.unsigned(8));
    }

    static ByteOrders byteOrders(RandomValues random) {
        return new ByteOrders(channel(random), (int) random.signed(4), (int) random.signed(4),
                (int) random.signed(4), (int) random.unsigned(3), random.signed(8),
                Double.longBitsToDouble(random.signed(8)));
    }

    static Scalars scalars(RandomValues random) {
        return new Scalars(channel(random), random.bool(), Float.intBitsToFloat((int) random.signed(4)),
                Double.longBitsToDouble(random.signed(8)), colour(random), colour(random),
                random.unsigned(8), (int) random.unsigned(4) >>> 1, (int) random.unsigned(4) >>> 4);
    }

    static Echo echo(RandomValues random) {
        return new Echo(random.oneOf(5, 6), channel(random), random.utf8(300));
    }

    static FixedSizes fixedSizes(RandomValues random) {
        return new FixedSizes(channel(random), random.bytes(4), random.utf8(8),
                random.ascii(random.between(0, 3)));
    }

    static Prefixed prefixed(RandomValues random) {
        return new Prefixed(channel(random), random.utf8(255), random.bytes(random.length(300)),
                random.utf8(300), random.bytes(random.length(300)), random.utf8(300),
                random.ascii(random.length(300)));
    }

    /** Lengths that agree with the values: the body counts extras, key, value and checksum. */
    static Derived derived(RandomValues random) {
        byte[] extras = random.bytes(random.length(255));
        String key = random.ascii(random.length(255));
        byte[] value = random.bytes(random.length(300));
        String label = "l" + random.utf8(255);
        return new Derived(channel(random), extras.length + key.length() + value.length + 2,
                key.length(), extras.length, label.getBytes(UTF_8).length - 1, extras, key, value,
                (short) random.signed(2), label);
    }

    static Delimited delimited(RandomValues random) {
        return new Delimited(channel(random), random.utf8(100), random.ascii(random.length(100)),
                random.bytesWithout(random.length(100), (byte) 0xff), random.bytes(random.length(100)));
    }

    static Lists lists(RandomValues random) {
        List<Short> numbers = random.list(random.between(0, 20), () -> (short) random.signed(2));
        List<Colour> colours = random.list(random.between(0, 20), () -> colour(random));
        return new Lists(channel(random), points(random), numbers.size(), numbers,
                random.list(random.between(0, 5), () -> labelled(random)), colours.size(), colours,
                random.list(random.between(0, 20), () -> (int) random.signed(4)),
                random.list(random.between(0, 20), () -> random.signed(8)));
    }

    /** Flags and kind chosen first; then exactly the components they call for. */
    static Conditional conditional(RandomValues random) {
        int flags = (int) random.unsigned(1);
        byte kind = random.oneOf((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) random.signed(1));
        boolean hasNote = random.bool();
        return new Conditional(channel(random), flags, kind, hasNote,
                (flags & 1) != 0 ? (int) random.signed(4) : null,
                (flags & 0x80) != 0 ? random.utf8(255) : null,
                (flags & 0b0110) != 0 ? (short) random.signed(2) : null,
                kind == 2 ? point(random) : null,
                kind == 3 ? points(random) : null,
                hasNote ? random.utf8(255) : null);
    }

    static Nesting nesting(RandomValues random) {
        return new Nesting(channel(random), point(random), labelled(random),
                new Box(point(random), point(random)));
    }

    static Capped capped(RandomValues random) {
        return new Capped(channel(random), random.utf8(8), random.list(random.between(0, 4), () -> point(random)));
    }

    private static byte channel(RandomValues random) {
        return (byte) random.signed(1);
    }

    private static Colour colour(RandomValues random) {
        return random.oneOf(Colour.values());
    }

    private static Point point(RandomValues random) {
        return new Point((short) random.signed(2), (short) random.signed(2));
    }

    private static List<Point> points(RandomValues random) {
        return random.list(random.between(0, 20), () -> point(random));
    }

    private static Labelled labelled(RandomValues random) {
        return new Labelled(random.utf8(255), point(random));
    }
}
