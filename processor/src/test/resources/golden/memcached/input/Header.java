package demo.memcached;

import dev.twine.annotations.*;

/** The request header's fields that are not the protocol's own. */
public record Header(@Field(unsigned = true) short keyLength, @Field(unsigned = true) byte extrasLength,
        byte dataType, short vbucket, int opaque, long cas) {}
