package demo.memcached;

import dev.twine.annotations.*;

@Frame(tag = {0x00, 0x09})
public record Get(@Tag int opcode, Header header, @LengthFrom("header.keyLength") @Ascii String key) implements Request {}
