package demo.memcached;

import dev.twine.annotations.*;

/** A memcached binary request, in part. */
@Protocol(magic = @Magic(offset = 0, width = 1, value = 0x80),
          tag = @TagField(offset = 1, width = 1),
          length = @LengthField(offset = 8, width = 4, adjustment = 12),
          maxFrameLength = 1024 * 1024)
public sealed interface Request permits Get, Set {}
