package dev.twine.processor.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a protocol cuts its stream into frames.
 *
 * @param length         the length field
 * @param tag            the tag field, or {@code null} for a protocol with one frame and no tag
 * @param magics         constant header fields
 * @param maxFrameLength the longest frame accepted, header included
 * @param bigEndian      the protocol's default byte order
 */
public record HeaderModel(HeaderField length, HeaderField tag, List<HeaderField> magics,
        int maxFrameLength, boolean bigEndian) {

    public HeaderModel {
        magics = List.copyOf(magics);
    }

    public boolean hasTag() {
        return tag != null;
    }

    /** Every owned field, in wire order. */
    public List<HeaderField> ownedInOrder() {
        List<HeaderField> owned = new ArrayList<>(magics);
        owned.add(length);
        if (tag != null) {
            owned.add(tag);
        }
        owned.sort(Comparator.comparingInt(HeaderField::offset));
        return owned;
    }

    /** Bits of the tag itself: the tag field's width less its flag bits. */
    public int tagBits() {
        return tag == null ? 0 : 8 * tag.width() - tag.shift();
    }
}
