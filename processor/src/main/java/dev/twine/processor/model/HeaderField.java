package dev.twine.processor.model;

/**
 * A byte range of the header that the protocol owns rather than a frame's components: the length
 * field, the tag field or a magic value.
 *
 * @param role       which of the three it is
 * @param offset     first byte, counted from the frame's first byte
 * @param width      bytes; 0 for a varint length field, whose width varies
 * @param varint     the varint encoding of a length field, or {@link VarintKind#NONE}
 * @param bigEndian  byte order of a fixed-width field
 * @param value      a magic field's value (0 for the others)
 * @param adjustment a length field's adjustment (0 for the others)
 * @param shift      a tag field's flag bits below the tag (0 for the others)
 */
public record HeaderField(Role role, int offset, int width, VarintKind varint, boolean bigEndian,
        long value, int adjustment, int shift) {

    public enum Role {
        LENGTH("length"), TAG("tag"), MAGIC("magic");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean isVarint() {
        return varint != VarintKind.NONE;
    }

    /** The first byte after a fixed-width field. */
    public int end() {
        return offset + width;
    }

    /** How the field reads in a diagnostic or a layout diagram. */
    public String describe() {
        return role.label() + " field at offset " + offset;
    }
}
