package dev.twine.it.review;

import dev.twine.annotations.Field;
import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.PresentIf;
import dev.twine.annotations.Protocol;

/**
 * {@code @PresentIf(equals = ...)} on unsigned fields as wide as their Java type: a value above the
 * type's signed maximum is held as its bit pattern, and the condition must compare it unsigned.
 */
@Protocol(length = @LengthField(offset = 0, width = 1), maxFrameLength = 255)
public sealed interface UnsignedCondition permits UnsignedCondition.Reply {

    @Frame
    record Reply(@Field(unsigned = true) byte kind,
                 @PresentIf(field = "kind", equals = 200) Integer detail,
                 @Field(unsigned = true) int code,
                 @PresentIf(field = "code", equals = 0xFFFFFFFFL) Short extra) implements UnsignedCondition {}
}
