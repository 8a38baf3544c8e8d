package dev.twine.processor.model;

import java.util.List;
import java.util.Map;

/**
 * One frame type of a protocol.
 *
 * @param name         what generated names call it: the record's simple name, or its name with
 *                     enclosing types when two frames share a simple name
 * @param kind         its index in the protocol, in {@code permits} order
 * @param tags         the tag values that select it (empty in a tagless protocol)
 * @param tagFlags     the tag flags it requires when no component reads them
 * @param record       its layout
 * @param headerBefore for each component path ({@code key}, {@code header.opaque}), the owned
 *                     header fields that come just before it on the wire
 * @param headerAfter  owned header fields after the last component
 */
public record FrameModel(String name, int kind, List<Long> tags, int tagFlags, RecordModel record,
        Map<String, List<HeaderField>> headerBefore, List<HeaderField> headerAfter) {

    public FrameModel {
        tags = List.copyOf(tags);
        headerBefore = Map.copyOf(headerBefore);
        headerAfter = List.copyOf(headerAfter);
    }

    /** The owned fields just before the component at {@code path}. */
    public List<HeaderField> headerBefore(String path) {
        return headerBefore.getOrDefault(path, List.of());
    }

    /** The component marked {@code @Tag}, if any. */
    public java.util.Optional<ComponentModel> tagComponent() {
        return record.components().stream()
                .filter(c -> c.encoding() instanceof Encoding.TagValue).findFirst();
    }

    /** The component marked {@code @TagFlags}, if any. */
    public java.util.Optional<ComponentModel> tagFlagsComponent() {
        return record.components().stream()
                .filter(c -> c.encoding() instanceof Encoding.TagFlagsValue).findFirst();
    }
}
