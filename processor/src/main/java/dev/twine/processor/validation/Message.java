package dev.twine.processor.validation;

/**
 * Every diagnostic the processor gives, in one place: what is wrong, then how to fix it. The
 * placeholders are {@link String#format} ones.
 */
public enum Message {
    PROTOCOL_NOT_SEALED_INTERFACE("@Protocol %s must be a sealed interface that permits its frame"
            + " records; declare it as `public sealed interface %s permits ...`"),
    PROTOCOL_NO_FRAMES("@Protocol %s permits no frame types; list its @Frame records after"
            + " `permits`"),
    FRAME_NOT_RECORD("%s is permitted by @Protocol %s but is not a record; frames must be records"
            + " (`record %s(...) implements %s`)"),
    FRAME_NOT_ANNOTATED("%s is permitted by @Protocol %s but has no @Frame; add @Frame(tag = ...)"
            + " saying which tag selects it"),
    FRAME_NOT_IN_PROTOCOL("@Frame %s is not permitted by any @Protocol interface; make it implement"
            + " a sealed @Protocol interface that lists it after `permits`"),
    MAX_FRAME_LENGTH_MISSING("@Protocol %s has no maxFrameLength, so a peer could announce a frame"
            + " of any size; set maxFrameLength to the longest frame it may send, e.g."
            + " maxFrameLength = 65536"),
    MAX_FRAME_LENGTH_RANGE("maxFrameLength %d is out of range; use 1 to %d"),
    ORDER_PROTOCOL("a @Protocol's order must be BIG_ENDIAN or LITTLE_ENDIAN; Order.PROTOCOL only"
            + " means \"the protocol's order\" on fields"),
    WIDTH_OR_VARINT("%s needs exactly one of width and varint; %s"),
    WIDTH_RANGE("%s width %d is out of range; use %s"),
    OFFSET_NEGATIVE("%s offset %d is negative; offsets count from the frame's first byte"),
    SHIFT_RANGE("tag shift %d leaves no bits for the tag in a %d-byte field; use 0 to %d"),
    HEADER_OVERLAP("the protocol's %s overlaps its %s; give each header field its own bytes"),
    VARINT_LENGTH_NOT_LAST("a varint length field must be the last header field the protocol owns,"
            + " because what follows it moves with its size; the %s at offset %d comes after it"),
    MAGIC_TOO_WIDE("magic value 0x%x does not fit in %d byte(s); widen the field or fix the value"),
    TAG_MISSING("@Frame %s has no tag, but @Protocol %s has a tag field; add @Frame(tag = ...)"),
    TAG_IN_TAGLESS("@Frame %s has a tag, but @Protocol %s has no tag field; declare"
            + " tag = @TagField(offset = ..., width = ...) on the protocol, or drop the tag"),
    TAG_COMPONENT_IN_TAGLESS("@Frame %s has a %s component, but @Protocol %s has no tag field for"
            + " it to read; declare tag = @TagField(...) on the protocol, or remove the component"),
    TAGLESS_MANY_FRAMES("@Protocol %s has no tag field but permits %d frames; without a tag the"
            + " framer cannot tell them apart, so declare tag = @TagField(offset = ..., width = ...)"),
    TAG_TOO_WIDE("tag %d of %s does not fit the protocol's %d-bit tag; use 0 to %d or widen the"
            + " tag field"),
    TAG_DUPLICATE("tag %d of %s is already the tag of %s; every tag must select exactly one frame"),
    TAG_FLAGS_TOO_WIDE("tagFlags %d of %s does not fit the tag field's %d flag bit(s); use 0 to %d,"
            + " or give @TagField a larger shift"),
    TAG_COMPONENT_TOO_NARROW("value %d of %s's tag field does not fit its component %s (%s holds at"
            + " most %d); give the component a wider type"),
    TAG_FLAGS_NO_SHIFT("%s has @TagFlags, but the protocol's tag field has no flag bits; set"
            + " shift on @TagField, or drop @TagFlags"),
    SEVERAL_TAGS_NO_COMPONENT("@Frame %s has %d tags but no @Tag component to say which one arrived"
            + " (and which to send); add a component such as `@Tag int opcode`"),
    VIRTUAL_NOT_INTEGER("@%s component %s must be an integer type (byte, short, int or long), not %s"),
    VIRTUAL_NOT_TOP("@%s component %s is only meaningful in a @Frame record itself, not in the"
            + " nested record %s"),
    VIRTUAL_WITH_OTHERS("@%s component %s takes no bytes of its own, so @%s does not apply; remove"
            + " it"),
    UNSUPPORTED_TYPE("component %s has type %s, which Twine cannot put on the wire; use byte,"
            + " short, int, long, boolean, float, double (or their boxes), an enum with @Code"
            + " constants, byte[], String, a record, or a List of records or boxed integers"),
    UNSUPPORTED_ELEMENT("List component %s has elements of type %s; list elements must be records,"
            + " boxed integers (Byte, Short, Integer, Long) or enums with @Code constants"),
    SIZE_MISSING("%s component %s has no size; annotate it with one of %s"),
    SIZE_CONFLICT("component %s has both @%s and @%s; keep the one that says how it is sized"),
    SIZE_NOT_APPLICABLE("@%s does not apply to %s component %s; it sizes %s"),
    FIELD_NOT_APPLICABLE("@Field describes numbers, booleans and enums; component %s is %s, sized"
            + " by its own annotation"),
    FIELD_WIDTH("@Field width %d does not suit %s component %s; use %s"),
    FIELD_VARINT_TYPE("@Field varint applies to int and long components; %s is %s"),
    FIELD_VARINT_AND_WIDTH("@Field on %s sets both width and varint; a varint has no fixed width"),
    FIELD_UNSIGNED_NOT_INTEGER("@Field unsigned applies to integers and enums; %s is %s"),
    FIXED_LENGTH_RANGE("@FixedLength(%d) on %s must be at least 1"),
    MAX_NEGATIVE("max %d on %s is negative; use 0 for no limit beyond the frame's own length"),
    ASCII_NOT_STRING("@Ascii applies to String components; %s is %s"),
    TERMINATOR_NOT_ASCII("@Terminated(%d), the byte 0x%02x, on String %s is not ASCII, so it could occur"
            + " inside a UTF-8 character; use a terminator from 0 to 127, or @Ascii"),
    REFERENCE_MISSING("%s names \"%s\", but %s has no component of that name; name an earlier"
            + " integer%s component"),
    REFERENCE_LATER("%s names \"%s\", which comes after %s on the wire, so it is not known yet when"
            + " %s is read; move %s before %s"),
    REFERENCE_SELF("%s names %s itself; name the earlier component that holds its %s"),
    REFERENCE_NOT_INTEGER("%s names \"%s\", which is %s; a length, count or condition must be an"
            + " integer%s component"),
    REFERENCE_CONDITIONAL("%s names \"%s\", which is itself only sometimes present; name a"
            + " component that is always on the wire"),
    CONDITION_PRIMITIVE("@PresentIf component %s has the primitive type %s, which cannot be null"
            + " when absent; use %s instead"),
    CONDITION_BIT_RANGE("@PresentIf bit %d on %s is out of range; use 0 to 63, or mask or equals"
            + " instead"),
    CONDITION_BIT_AND_MASK("@PresentIf on %s sets both bit and mask; a bit is a one-bit mask, so keep"
            + " one of them"),
    REST_NOT_LAST("@Rest component %s must be the last component of its frame, since it takes"
            + " every byte that is left; move it to the end"),
    REST_NOT_TOP("@Rest component %s is in %s, which is not a frame; only a frame's last component"
            + " can take the rest of the frame"),
    ENUM_CODE_MISSING("enum constant %s.%s has no @Code, so it has no wire value; add @Code(...)"),
    ENUM_CODE_DUPLICATE("@Code(%d) of %s.%s is also the code of %s; give every constant its own"
            + " code"),
    ENUM_CODE_TOO_WIDE("@Code(%d) of %s.%s does not fit the %d-byte field of %s; widen it with"
            + " @Field(width = ...)"),
    ENUM_WIDTH("enum component %s is %d bytes wide; an enum code takes 1 to 4 bytes, so use"
            + " @Field(width = 1..4)"),
    RECORD_CYCLE("record %s contains itself through %s; a layout cannot nest a record in itself"),
    ELEMENT_EMPTY("List component %s has elements of %s, which take no bytes; list elements must"
            + " take at least one byte each"),
    LAYOUT_VARIABLE_BEFORE_HEADER("component %s has a variable size, but the protocol's %s comes"
            + " after it at a fixed offset; put %s after the header's last owned byte (offset %d)"),
    LAYOUT_OVERLAP("component %s takes bytes %d..%d, which runs into the protocol's %s; header"
            + " components must fill the gaps between owned fields exactly"),
    LAYOUT_GAP("bytes %d..%d of %s's header belong to no component (the protocol's %s follows);"
            + " add components that fill them"),
    NAME_CLASH("Twine generates %s for @Protocol %s, but a type of that name already exists (or is"
            + " generated for another protocol); rename the protocol or the other type"),
    INTERNAL("Twine's processor failed on %s: %s; this is a bug in Twine — please report it");

    private final String template;

    Message(String template) {
        this.template = template;
    }

    public String format(Object... args) {
        return String.format(template, args);
    }
}
