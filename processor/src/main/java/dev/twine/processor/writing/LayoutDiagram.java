package dev.twine.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.twine.processor.model.ComponentModel;
import dev.twine.processor.model.Condition;
import dev.twine.processor.model.Encoding;
import dev.twine.processor.model.FrameModel;
import dev.twine.processor.model.HeaderField;
import dev.twine.processor.model.HeaderModel;
import dev.twine.processor.model.RecordModel;
import dev.twine.processor.model.Size;
import dev.twine.processor.model.Sizes;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A frame's byte layout as a table, for the Javadoc of generated code: one row per field in wire
 * order, the header fields the protocol owns among them, with its offset while that is fixed.
 *
 * <pre>
 * offset  size  field
 *      0     4  (length) bytes that follow it, 4-byte unsigned, big-endian
 *      4     4  (tag) 1
 *      8   2+n  text: String, UTF-8, after its length (2 bytes)
 * </pre>
 */
final class LayoutDiagram {

    private final HeaderModel header;
    private final FrameModel frame;
    private final StringBuilder rows = new StringBuilder();
    /** The offset reached, or -1 once it varies. */
    private int offset;

    private LayoutDiagram(HeaderModel header, FrameModel frame) {
        this.header = header;
        this.frame = frame;
    }

    /** The table for {@code frame}, as lines without a trailing newline, HTML-escaped. */
    static String of(HeaderModel header, FrameModel frame) {
        LayoutDiagram diagram = new LayoutDiagram(header, frame);
        diagram.rows.append("offset  size  field");
        diagram.walk(frame.record(), "");
        diagram.owned(frame.headerAfter());
        return diagram.rows.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void walk(RecordModel record, String prefix) {
        for (ComponentModel component : record.components()) {
            if (!component.isOnWire()) {
                continue;
            }
            String path = prefix + component.name();
            owned(frame.headerBefore(path));
            if (component.encoding() instanceof Encoding.Nested nested && component.condition() == null) {
                walk(nested.record(), path + ".");
                continue;
            }
            OptionalInt size = Sizes.fixed(component);
            row(size.isPresent() ? String.valueOf(size.getAsInt()) : sizeLabel(component.encoding()),
                    path + ": " + describe(component) + condition(component.condition()));
            advance(size);
        }
    }

    private void owned(List<HeaderField> fields) {
        for (HeaderField field : fields) {
            row(field.isVarint() ? "1-" + (field.varint().isMqtt() ? 4 : 10) : String.valueOf(field.width()),
                    "(" + field.role().label() + ") " + describe(field));
            advance(field.isVarint() ? OptionalInt.empty() : OptionalInt.of(field.width()));
        }
    }

    private void row(String size, String text) {
        String at = offset >= 0 ? String.valueOf(offset) : "...";
        rows.append('\n').append(pad(at, 6)).append(pad(size, 6)).append("  ").append(text);
    }

    private void advance(OptionalInt size) {
        offset = offset >= 0 && size.isPresent() ? offset + size.getAsInt() : -1;
    }

    private String describe(HeaderField field) {
        switch (field.role()) {
            case LENGTH: {
                String base = "bytes that follow it";
                int adjustment = field.adjustment();
                String adjusted = adjustment == 0 ? base
                        : adjustment > 0 ? base + ", less " + adjustment : base + ", plus " + -adjustment;
                return adjusted + ", " + width(field);
            }
            case TAG: {
                String tags = frame.tags().stream().map(String::valueOf).collect(Collectors.joining(" or "));
                String flags = field.shift() == 0 ? ""
                        : ", in the high " + header.tagBits() + " bits; flags in the low " + field.shift()
                                + frame.tagFlagsComponent().map(c -> " (" + c.name() + ")")
                                        .orElse(" = " + frame.tagFlags());
                return tags + frame.tagComponent().map(c -> " (" + c.name() + ")").orElse("") + flags;
            }
            default:
                return "0x" + Long.toHexString(field.value());
        }
    }

    private static String width(HeaderField field) {
        if (field.isVarint()) {
            return field.varint().isMqtt() ? "MQTT varint" : "LEB128 varint";
        }
        return field.width() + "-byte unsigned" + (field.width() > 1 ? order(field.bigEndian()) : "");
    }

    private static String describe(ComponentModel component) {
        Encoding encoding = component.encoding();
        if (encoding instanceof Encoding.Scalar scalar) {
            return describe(scalar);
        } else if (encoding instanceof Encoding.Blob blob) {
            String kind = switch (blob.kind()) {
                case BYTES -> "byte[]";
                case UTF8 -> "String, UTF-8";
                case ASCII -> "String, ASCII";
            };
            return kind + ", " + describe(blob.size());
        } else if (encoding instanceof Encoding.Sequence sequence) {
            TypeName element = sequence.elementType();
            String name = element instanceof ClassName type ? type.simpleName() : element.toString();
            return "List<" + name + ">, " + describe(sequence.size());
        } else if (encoding instanceof Encoding.Nested nested) {
            return nested.record().type().simpleName() + " (" + Sizes.minimum(nested.record())
                    + "+ bytes)";
        }
        return "";
    }

    private static String describe(Encoding.Scalar scalar) {
        String type = scalar.javaType().toString().replace("java.lang.", "");
        if (scalar.isVarint()) {
            return type + ", " + (scalar.varint().isMqtt() ? "MQTT varint" : "LEB128 varint");
        }
        switch (scalar.kind()) {
            case BOOLEAN:
                return "boolean (0 or 1)";
            case ENUM:
                return scalar.enumType().type().simpleName() + ", " + scalar.width() + "-byte code";
            case INTEGER:
                return type + (scalar.unsigned() ? ", unsigned" : "")
                        + (scalar.width() > 1 ? order(scalar.bigEndian()) : "");
            default:
                return type + order(scalar.bigEndian());
        }
    }

    private static String describe(Size size) {
        if (size instanceof Size.Fixed fixed) {
            return fixed.bytes() + " bytes";
        } else if (size instanceof Size.LengthPrefix prefix) {
            return "after its length (" + prefix(prefix.width(), prefix.varint())
                    + (prefix.max() > 0 ? ", at most " + prefix.max() : "") + ")";
        } else if (size instanceof Size.CountPrefix prefix) {
            return "after its count (" + prefix(prefix.width(), prefix.varint())
                    + (prefix.max() > 0 ? ", at most " + prefix.max() : "") + ")";
        } else if (size instanceof Size.LengthFrom from) {
            StringBuilder formula = new StringBuilder(from.field());
            from.minus().forEach(m -> formula.append(" - ").append(m));
            if (from.plus() != 0) {
                formula.append(from.plus() > 0 ? " + " : " - ").append(Math.abs(from.plus()));
            }
            return "byte length = " + formula;
        } else if (size instanceof Size.CountFrom from) {
            return "count = " + from.field();
        } else if (size instanceof Size.Rest) {
            return "the rest of the frame";
        }
        return "up to a 0x" + Integer.toHexString(((Size.Terminated) size).terminator() & 0xFF)
                + " terminator";
    }

    private static String prefix(int width, dev.twine.processor.model.VarintKind varint) {
        return width > 0 ? width + (width == 1 ? " byte" : " bytes") : varint.isMqtt() ? "MQTT varint" : "LEB128 varint";
    }

    private static String sizeLabel(Encoding encoding) {
        Size size = encoding instanceof Encoding.Blob blob ? blob.size()
                : encoding instanceof Encoding.Sequence sequence ? sequence.size() : null;
        if (size instanceof Size.LengthPrefix prefix && prefix.width() > 0) {
            return prefix.width() + "+n";
        } else if (size instanceof Size.CountPrefix prefix && prefix.width() > 0) {
            return prefix.width() + "+n";
        } else if (size instanceof Size.Terminated) {
            return "n+1";
        }
        return "n";
    }

    private static String condition(Condition condition) {
        if (condition == null) {
            return "";
        }
        return ", only if " + condition.describe();
    }

    private static String order(boolean bigEndian) {
        return bigEndian ? ", big-endian" : ", little-endian";
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
