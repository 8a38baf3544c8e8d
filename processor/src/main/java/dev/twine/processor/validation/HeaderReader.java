package dev.twine.processor.validation;

import dev.twine.annotations.LengthField;
import dev.twine.annotations.Magic;
import dev.twine.annotations.Order;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.TagField;
import dev.twine.annotations.Varint;
import dev.twine.processor.model.HeaderField;
import dev.twine.processor.model.HeaderField.Role;
import dev.twine.processor.model.HeaderModel;
import dev.twine.processor.model.VarintKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/** Reads and checks a {@code @Protocol}'s header: length, tag, magic, limit and byte order. */
final class HeaderReader {

    /** The longest frame the runtime can hold, as {@code dev.twine.framing.PartialFrame} says. */
    static final int MAX_FRAME_LENGTH = Integer.MAX_VALUE - 16;

    private final Report report;
    private final TypeElement protocol;
    private final AnnotationMirror mirror;
    private final Protocol annotation;

    HeaderReader(Report report, TypeElement protocol) {
        this.report = report;
        this.protocol = protocol;
        this.mirror = Annotations.mirror(protocol, Protocol.class);
        this.annotation = protocol.getAnnotation(Protocol.class);
    }

    /** The header, or {@code null} after reporting why there is none. */
    HeaderModel read() {
        int errors = report.errors();
        if (annotation.order() == Order.PROTOCOL) {
            report.error(protocol, mirror, "order", Message.ORDER_PROTOCOL);
        }
        boolean bigEndian = annotation.order() != Order.LITTLE_ENDIAN;
        int max = annotation.maxFrameLength();
        if (max == 0) {
            report.error(protocol, mirror, "maxFrameLength", Message.MAX_FRAME_LENGTH_MISSING,
                    protocol.getSimpleName());
        } else if (max < 0 || max > MAX_FRAME_LENGTH) {
            report.error(protocol, mirror, "maxFrameLength", Message.MAX_FRAME_LENGTH_RANGE, max,
                    MAX_FRAME_LENGTH);
        }
        HeaderField length = length(annotation.length(), bigEndian);
        HeaderField tag = tag(annotation.tag(), bigEndian);
        List<HeaderField> magics = new ArrayList<>();
        for (Magic magic : annotation.magic()) {
            magics.add(magic(magic, bigEndian));
        }
        HeaderModel header = new HeaderModel(length, tag, magics, max, bigEndian);
        if (report.errors() == errors) {
            checkOverlaps(header); // fields already reported would overlap only as noise
        }
        return report.errors() == errors ? header : null;
    }

    private HeaderField length(LengthField field, boolean protocolOrder) {
        AnnotationMirror at = Annotations.nested(mirror, "length");
        VarintKind varint = varint(field.varint());
        if ((field.width() == 0) == (varint == VarintKind.NONE)) {
            report.error(protocol, at != null ? at : mirror, "width", Message.WIDTH_OR_VARINT,
                    "@LengthField", field.width() == 0 ? "set width = 1..8, or varint" : "drop one");
        } else if (varint == VarintKind.NONE && (field.width() < 1 || field.width() > 8)) {
            report.error(protocol, at != null ? at : mirror, "width", Message.WIDTH_RANGE,
                    "@LengthField", field.width(), "1 to 8");
        }
        checkOffset(at, "@LengthField", field.offset());
        return new HeaderField(Role.LENGTH, field.offset(), varint == VarintKind.NONE ? field.width() : 0,
                varint, order(field.order(), protocolOrder), 0, field.adjustment(), 0);
    }

    private HeaderField tag(TagField field, boolean protocolOrder) {
        if (field.width() == 0) {
            return null;
        }
        AnnotationMirror at = Annotations.nested(mirror, "tag");
        if (field.width() < 1 || field.width() > 8) {
            report.error(protocol, at != null ? at : mirror, "width", Message.WIDTH_RANGE, "@TagField",
                    field.width(), "1 to 8, or 0 for no tag");
        } else if (field.shift() < 0 || field.shift() >= 8 * field.width()) {
            report.error(protocol, at != null ? at : mirror, "shift", Message.SHIFT_RANGE,
                    field.shift(), field.width(), 8 * field.width() - 1);
        }
        checkOffset(at, "@TagField", field.offset());
        return new HeaderField(Role.TAG, field.offset(), field.width(), VarintKind.NONE,
                order(field.order(), protocolOrder), 0, 0, field.shift());
    }

    private HeaderField magic(Magic field, boolean protocolOrder) {
        if (field.width() < 1 || field.width() > 8) {
            report.error(protocol, mirror, "magic", Message.WIDTH_RANGE, "@Magic", field.width(),
                    "1 to 8");
        } else if (field.width() < 8 && field.value() >>> (8 * field.width()) != 0) {
            report.error(protocol, mirror, "magic", Message.MAGIC_TOO_WIDE, field.value(),
                    field.width());
        }
        checkOffset(null, "@Magic", field.offset());
        return new HeaderField(Role.MAGIC, field.offset(), field.width(), VarintKind.NONE,
                order(field.order(), protocolOrder), field.value(), 0, 0);
    }

    private void checkOffset(AnnotationMirror at, String what, int offset) {
        if (offset < 0) {
            report.error(protocol, at != null ? at : mirror, "offset", Message.OFFSET_NEGATIVE, what,
                    offset);
        }
    }

    private void checkOverlaps(HeaderModel header) {
        List<HeaderField> owned = header.ownedInOrder();
        for (int i = 1; i < owned.size(); i++) {
            HeaderField before = owned.get(i - 1);
            HeaderField after = owned.get(i);
            if (before.isVarint()) {
                report.error(protocol, mirror, "length", Message.VARINT_LENGTH_NOT_LAST,
                        after.role().label() + " field", after.offset());
            } else if (before.end() > after.offset()) {
                report.error(protocol, mirror, after.role().label(), Message.HEADER_OVERLAP,
                        after.describe(), before.describe());
            }
        }
    }

    private static boolean order(Order order, boolean protocolOrder) {
        return order == Order.PROTOCOL ? protocolOrder : order == Order.BIG_ENDIAN;
    }

    static VarintKind varint(Varint varint) {
        return VarintKind.valueOf(varint.name());
    }
}
