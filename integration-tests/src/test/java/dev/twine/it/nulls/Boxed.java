package dev.twine.it.nulls;

import dev.twine.annotations.Code;
import dev.twine.annotations.CountPrefix;
import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.Protocol;
import java.util.List;

/** Components that can be null although they are always on the wire: boxes and enums. */
@Protocol(length = @LengthField(offset = 0, width = 1), maxFrameLength = 255)
public sealed interface Boxed permits Boxed.Value {

    enum Status { @Code(0) OK, @Code(1) FAILED }

    record Reading(Short level, Status status) {}

    @Frame
    record Value(Integer number, Status status, @CountPrefix(width = 1) List<Reading> readings)
            implements Boxed {}
}
