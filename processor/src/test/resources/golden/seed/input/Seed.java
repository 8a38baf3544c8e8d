package demo.seed;

import dev.twine.annotations.*;
import java.util.List;

@Protocol(length = @LengthField(offset = 0, width = 4),
          tag = @TagField(offset = 4, width = 4),
          maxFrameLength = 65536)
public sealed interface Seed permits Seed.Count, Seed.Total, Seed.Say {
    @Frame(tag = 0) record Count() implements Seed {}
    @Frame(tag = 1) record Total(long total) implements Seed {}
    @Frame(tag = 2) record Say(@LengthPrefix(width = 2) String text, @CountPrefix(width = 1) List<Point> points, @Rest byte[] rest) implements Seed {}
    record Point(short x, @Field(width = 3, unsigned = true) int y) {}
}
