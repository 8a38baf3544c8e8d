package dev.twine.framing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a protocol's header puts the fields that frame it: the frame's length, its tag, and magic
 * values that must be there. A {@link HeaderFramer} reads them; every other header byte belongs to
 * the frame's own layout. Offsets count from the frame's first byte. Immutable.
 *
 * <p>The length follows Netty's {@code LengthFieldBasedFrameDecoder} (without stripping): the frame
 * spans
 *
 * <pre>
 *   frame length = lengthFieldEnd + value + adjustment
 *
 *   memcached's binary protocol: magic(0, 1, 0x80), tag(1, 1, 0), length(8, 4, big-endian, 12)
 *
 *   0      1        2                8                12                24          29
 *   +------+--------+----------------+----------------+-----------------+-----------+
 *   | 0x80 | opcode | key length,    | total body     | opaque, cas     | extras,   |
 *   |      |        | extras length, | length: 5      |                 | key,      |
 *   |      |        | type, vbucket  |                |                 | value     |
 *   +------+--------+----------------+----------------+-----------------+-----------+
 *    magic   tag                       length field
 *                                     lengthFieldEnd = 12; frame length = 12 + 5 + 12 = 29
 * </pre>
 *
 * where the value is unsigned (an 8-byte value with its top bit set is simply too long), the
 * arithmetic is done in {@code long}, and the length field is a fixed-width integer or a varint
 * (LEB128, or MQTT's four-byte form), which then ends where its last byte is.
 *
 * <p>The header is complete once its {@link #fixedEnd() fixed part} has arrived and, for a varint
 * length, the varint has ended. A frame must span at least its header; the {@link #maxFrameLength()
 * limit} is checked from the header alone, before anything is allocated for the rest.
 *
 * <pre>{@code
 * static final FrameHeader SEED = FrameHeader.builder("Seed")
 *         .length(0, 4, true, 0)        // 4-byte length counting what follows it
 *         .tag(4, 4, 0, true)           // then a 4-byte tag
 *         .maxFrameLength(1 << 20)
 *         .build();
 * }</pre>
 */
public final class FrameHeader {

    /** A fixed-width field the header owns; a magic one with its value. */
    private record Field(String role, int offset, int width, boolean bigEndian, long value) {
        long end() {
            return (long) offset + width;
        }
    }

    private final String name;
    private final int lengthOffset;
    /** 0 for a varint. */
    private final int lengthWidth;
    private final boolean lengthBigEndian;
    private final boolean mqtt;
    private final int adjustment;
    private final boolean hasTag;
    private final int tagOffset;
    private final int tagWidth;
    private final boolean tagBigEndian;
    private final int tagShift;
    private final Field[] magic;
    private final int maxFrameLength;
    private final int fixedEnd;
    /** Names the varint length in the messages of its errors; built once, not per byte. */
    private final String varintName;

    private FrameHeader(Builder b, Field[] magic, int fixedEnd) {
        this.name = b.name;
        this.lengthOffset = b.lengthOffset;
        this.lengthWidth = b.lengthWidth;
        this.lengthBigEndian = b.lengthBigEndian;
        this.mqtt = b.mqtt;
        this.adjustment = b.adjustment;
        this.hasTag = b.hasTag;
        this.tagOffset = b.tagOffset;
        this.tagWidth = b.tagWidth;
        this.tagBigEndian = b.tagBigEndian;
        this.tagShift = b.tagShift;
        this.magic = magic;
        this.maxFrameLength = b.maxFrameLength;
        this.fixedEnd = fixedEnd;
        this.varintName = name + "'s varint length field";
    }

    /** Starts a header for the protocol called {@code name}, which error messages quote. */
    public static Builder builder(String name) {
        return new Builder(Objects.requireNonNull(name, "name"));
    }

    public String name() {
        return name;
    }

    /** The longest frame accepted, header included. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    public boolean hasTag() {
        return hasTag;
    }

    public int lengthOffset() {
        return lengthOffset;
    }

    /** The length field's width; 0 for a varint. */
    public int lengthWidth() {
        return lengthWidth;
    }

    public boolean hasVarintLength() {
        return lengthWidth == 0;
    }

    /**
     * The bytes of the header at fixed offsets: to the end of the last fixed-width field, or, with a
     * varint length, to where the varint starts (it comes after every other field).
     */
    public int fixedEnd() {
        return fixedEnd;
    }

    // ---- reading a header, for HeaderFramer; src holds the frame from index base on

    /** The fixed-width length field's value, unsigned. */
    long lengthAt(ByteBuffer src, int base) {
        return Wire.unsignedAt(src, base + lengthOffset, lengthWidth, lengthBigEndian);
    }

    /** Adds byte {@code index} of the varint length to the value of the bytes before it. */
    long addLengthByte(long value, int index, byte octet) {
        return Wire.addVarintByte(value, index, octet, mqtt, varintName);
    }

    /** The tag field, not yet shifted; 0 without a tag. */
    long rawTagAt(ByteBuffer src, int base) {
        return hasTag ? Wire.unsignedAt(src, base + tagOffset, tagWidth, tagBigEndian) : 0;
    }

    long tagOf(long rawTag) {
        return rawTag >>> tagShift;
    }

    int tagFlagsOf(long rawTag) {
        return (int) (rawTag & ((1L << tagShift) - 1));
    }

    /** @throws CorruptFrameException at the first magic field that is not its value */
    void checkMagic(ByteBuffer src, int base) {
        for (final Field field : magic) {
            final long actual = Wire.unsignedAt(src, base + field.offset, field.width, field.bigEndian);
            if (actual != field.value) {
                throw corrupt("bad magic at offset " + field.offset + ": expected "
                        + hex(field.value, field.width) + ", got " + hex(actual, field.width));
            }
        }
    }

    /** Where the header ends, given where its length field ends: the length may come last. */
    int headerEnd(int lengthFieldEnd) {
        return Math.max(fixedEnd, lengthFieldEnd);
    }

    /**
     * The frame length a length field's {@code value} declares, checked.
     *
     * @param value          unsigned, as on the wire
     * @param lengthFieldEnd where the length field ends
     * @throws CorruptFrameException if the frame would end inside its own header
     * @throws FrameTooLongException if it is over the limit
     */
    int frameLength(long value, int lengthFieldEnd) {
        return withinLimit(declaredLength(value, lengthFieldEnd));
    }

    /**
     * The frame length a length field's {@code value} declares, checked against the header only:
     * unsigned, so at or past 2<sup>63</sup> it is negative as a {@code long}.
     *
     * @throws CorruptFrameException if the frame would end inside its own header
     * @throws FrameTooLongException if it is past 2<sup>64</sup> - 1
     */
    long declaredLength(long value, int lengthFieldEnd) {
        final long addend = (long) lengthFieldEnd + adjustment;
        final long length = value + addend;
        final int headerEnd = headerEnd(lengthFieldEnd);
        // Below zero, or past 2^64 - 1 when a huge 8-byte value meets a positive addend.
        final boolean negative = addend < 0 && Long.compareUnsigned(value, -addend) < 0;
        final boolean wrapped = addend > 0 && Long.compareUnsigned(length, value) < 0;
        if (negative || !wrapped && Long.compareUnsigned(length, headerEnd) < 0) {
            throw corrupt("a length field of " + value + " makes a frame of " + length
                    + " bytes, which ends inside its own " + headerEnd + "-byte header");
        }
        if (wrapped) {
            throw tooLong(-1L);
        }
        return length;
    }

    /**
     * {@code length}, a {@linkplain #declaredLength declared length}, as an {@code int}.
     *
     * @throws FrameTooLongException if it is over {@link #maxFrameLength()}
     */
    int withinLimit(long length) {
        if (Long.compareUnsigned(length, maxFrameLength) > 0) {
            throw tooLong(length);
        }
        return (int) length;
    }

    /** A too-long-frame error naming this protocol; {@code length} unsigned, -1 for past 2^64 - 1. */
    FrameTooLongException tooLong(long length) {
        return new FrameTooLongException(name + " frame", length, maxFrameLength);
    }

    /** A corrupt-frame error naming this protocol. */
    CorruptFrameException corrupt(String problem) {
        return new CorruptFrameException(name + ": " + problem);
    }

    private static String hex(long value, int width) {
        return String.format("0x%0" + 2 * width + "x", value);
    }

    /** Collects a header's fields; {@link #build()} checks them all. */
    public static final class Builder {
        private final String name;
        private boolean hasLength;
        private boolean varint;
        private int lengthOffset;
        private int lengthWidth;
        private boolean lengthBigEndian;
        private boolean mqtt;
        private int adjustment;
        private boolean hasTag;
        private int tagOffset;
        private int tagWidth;
        private int tagShift;
        private boolean tagBigEndian;
        private final List<Field> magic = new ArrayList<>();
        private int maxFrameLength;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * A fixed-width length field: an unsigned integer of {@code width} bytes (1 to 8) at
         * {@code offset}. Replaces an earlier length.
         *
         * @param adjustment added to make the frame's length (see the class comment); negative when
         *     the value counts bytes before the length field's end too
         */
        public Builder length(int offset, int width, boolean bigEndian, int adjustment) {
            hasLength = true;
            varint = false;
            lengthOffset = offset;
            lengthWidth = width;
            lengthBigEndian = bigEndian;
            mqtt = false;
            this.adjustment = adjustment;
            return this;
        }

        /**
         * A varint length field at {@code offset}: unsigned LEB128 (up to 10 bytes), or with
         * {@code mqtt} MQTT's variable byte integer (up to 4). It must come after every other
         * field. Replaces an earlier length.
         */
        public Builder lengthVarint(int offset, boolean mqtt, int adjustment) {
            hasLength = true;
            varint = true;
            lengthOffset = offset;
            lengthWidth = 0;
            lengthBigEndian = false;
            this.mqtt = mqtt;
            this.adjustment = adjustment;
            return this;
        }

        /**
         * The tag: the unsigned integer of {@code width} bytes (1 to 8) at {@code offset}, shifted
         * right by {@code shift} bits; the bits shifted out are the tag's flags (as MQTT's packet
         * type is the high nibble of byte 0, its flags the low one). Optional; replaces an earlier
         * tag.
         *
         * @param shift 0 to 31, and less than the field's bits, so that the flags fit an int
         */
        public Builder tag(int offset, int width, int shift, boolean bigEndian) {
            hasTag = true;
            tagOffset = offset;
            tagWidth = width;
            tagShift = shift;
            tagBigEndian = bigEndian;
            return this;
        }

        /** A constant every frame carries: {@code value}, unsigned, in {@code width} bytes (1 to 8). */
        public Builder magic(int offset, int width, long value, boolean bigEndian) {
            magic.add(new Field("magic #" + (magic.size() + 1), offset, width, bigEndian, value));
            return this;
        }

        /** The longest frame accepted, header included: 1 to {@value PartialFrame#MAX_LENGTH}. */
        public Builder maxFrameLength(int max) {
            maxFrameLength = max;
            return this;
        }

        /**
         * @throws IllegalArgumentException if there is no length, a width, offset, shift or the
         *     limit is out of range, a magic value does not fit its width, two fields overlap, a
         *     varint length is not the last field, or the limit is shorter than the header
         */
        public FrameHeader build() {
            if (!hasLength) {
                throw invalid("has no length field");
            }
            final List<Field> owned = new ArrayList<>(magic);
            if (hasTag) {
                owned.add(new Field("the tag", tagOffset, tagWidth, tagBigEndian, 0));
            }
            if (!varint) {
                owned.add(new Field("the length field", lengthOffset, lengthWidth, lengthBigEndian, 0));
            } else if (lengthOffset < 0) {
                throw invalid("the varint length field has a negative offset: " + lengthOffset);
            }
            long fixedEnd = varint ? lengthOffset : 0;
            for (final Field field : owned) {
                check(field);
                fixedEnd = Math.max(fixedEnd, field.end());
            }
            final int widestShift = Math.min(31, 8 * tagWidth - 1);
            if (hasTag && (tagShift < 0 || tagShift > widestShift)) {
                throw invalid("tag shift " + tagShift + " is not between 0 and " + widestShift);
            }
            for (final Field field : magic) {
                try {
                    Wire.checkFits(field.value, field.width, true, field.role + "'s value");
                } catch (IllegalArgumentException e) {
                    throw invalid(e.getMessage());
                }
            }
            checkOverlaps(owned);
            if (maxFrameLength < 1 || maxFrameLength > PartialFrame.MAX_LENGTH) {
                throw invalid("maxFrameLength must be between 1 and " + PartialFrame.MAX_LENGTH
                        + ", got " + maxFrameLength);
            }
            final long shortestHeader = varint ? lengthOffset + 1L : fixedEnd;
            if (shortestHeader > maxFrameLength) {
                throw invalid("maxFrameLength " + maxFrameLength + " is shorter than the header ("
                        + shortestHeader + " bytes)");
            }
            return new FrameHeader(this, magic.toArray(new Field[0]), (int) fixedEnd);
        }

        private void check(Field field) {
            if (field.width < 1 || field.width > 8) {
                throw invalid(field.role + " is " + field.width + " bytes wide, not 1 to 8");
            }
            if (field.offset < 0) {
                throw invalid(field.role + " has a negative offset: " + field.offset);
            }
        }

        private void checkOverlaps(List<Field> owned) {
            for (int i = 0; i < owned.size(); i++) {
                final Field a = owned.get(i);
                if (varint && a.end() > lengthOffset) {
                    throw invalid("the varint length field at " + lengthOffset + " must come after "
                            + a.role + " (bytes " + a.offset + " to " + (a.end() - 1) + ")");
                }
                for (int j = i + 1; j < owned.size(); j++) {
                    final Field b = owned.get(j);
                    if (a.offset < b.end() && b.offset < a.end()) {
                        throw invalid(a.role + " (bytes " + a.offset + " to " + (a.end() - 1) + ") overlaps "
                                + b.role + " (bytes " + b.offset + " to " + (b.end() - 1) + ")");
                    }
                }
            }
        }

        private IllegalArgumentException invalid(String problem) {
            return new IllegalArgumentException("header " + name + ": " + problem);
        }
    }
}
