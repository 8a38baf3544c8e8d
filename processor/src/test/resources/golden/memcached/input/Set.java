package demo.memcached;

import dev.twine.annotations.*;

@Frame(tag = {0x01, 0x11})
public record Set(@Tag int opcode, Header header, int flags, int expiry,
        @LengthFrom("header.keyLength") @Ascii String key, @Rest byte[] value) implements Request {}
