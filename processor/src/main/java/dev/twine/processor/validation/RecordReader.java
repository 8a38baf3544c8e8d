package dev.twine.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.twine.annotations.Ascii;
import dev.twine.annotations.Code;
import dev.twine.annotations.CountFrom;
import dev.twine.annotations.CountPrefix;
import dev.twine.annotations.Field;
import dev.twine.annotations.FixedLength;
import dev.twine.annotations.LengthFrom;
import dev.twine.annotations.LengthPrefix;
import dev.twine.annotations.Order;
import dev.twine.annotations.PresentIf;
import dev.twine.annotations.Rest;
import dev.twine.annotations.Tag;
import dev.twine.annotations.TagFlags;
import dev.twine.annotations.Terminated;
import dev.twine.annotations.Varint;
import dev.twine.processor.model.ComponentModel;
import dev.twine.processor.model.Condition;
import dev.twine.processor.model.Encoding;
import dev.twine.processor.model.Encoding.BlobKind;
import dev.twine.processor.model.Encoding.ScalarKind;
import dev.twine.processor.model.EnumModel;
import dev.twine.processor.model.RecordModel;
import dev.twine.processor.model.Size;
import dev.twine.processor.model.Sizes;
import dev.twine.processor.model.VarintKind;
import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a record's components into their layouts, checking each: its type, its sizing, and the
 * earlier components it names.
 */
final class RecordReader {

    /** The sizing annotations, in the order a conflict names them. */
    private static final List<Class<? extends Annotation>> SIZINGS = List.of(FixedLength.class,
            LengthPrefix.class, LengthFrom.class, Rest.class, Terminated.class, CountPrefix.class,
            CountFrom.class);
    private static final List<Class<? extends Annotation>> BLOB_SIZINGS = List.of(FixedLength.class,
            LengthPrefix.class, LengthFrom.class, Rest.class, Terminated.class);
    private static final List<Class<? extends Annotation>> LIST_SIZINGS = List.of(CountPrefix.class,
            CountFrom.class, LengthPrefix.class, LengthFrom.class, Rest.class);

    private final Report report;
    private final boolean bigEndian;
    /** Records being read, outermost first: a record met again here contains itself. */
    private final Deque<TypeElement> reading = new ArrayDeque<>();
    /** Nested records and enums already read, so that a type used twice is reported on once. */
    private final Map<TypeElement, RecordModel> records = new HashMap<>();
    private final Map<List<Object>, EnumModel> enums = new HashMap<>();
    /** Types whose reading reported problems. */
    private final Set<Element> broken = new HashSet<>();
    /** Whether a broken type was reused since {@link #read} last began a frame. */
    private boolean reusedBroken;

    RecordReader(Report report, boolean bigEndian) {
        this.report = report;
        this.bigEndian = bigEndian;
    }

    /**
     * The layout of {@code record}; a frame's own record when {@code isFrame}. A nested record read
     * before is not read (nor reported on) again.
     */
    RecordModel read(TypeElement record, boolean isFrame) {
        if (isFrame) {
            reusedBroken = false;
        } else if (records.containsKey(record)) {
            reusedBroken |= broken.contains(record);
            return records.get(record);
        }
        int errors = report.errors();
        reading.addLast(record);
        List<? extends RecordComponentElement> elements = record.getRecordComponents();
        List<ComponentModel> components = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            Component c = new Component(record, isFrame, elements, i, components);
            components.add(c.read());
        }
        reading.removeLast();
        RecordModel model = new RecordModel(record, ClassName.get(record), components);
        if (!isFrame) {
            records.put(record, model);
        }
        if (report.errors() != errors) {
            broken.add(record);
        }
        return model;
    }

    /**
     * Whether the frame last read uses a nested record or enum that reported problems when first
     * read: its model is incomplete even though reading it again reported nothing new.
     */
    boolean reusedBroken() {
        return reusedBroken;
    }

    /** One component being read, with what it needs to check references to earlier ones. */
    private final class Component {
        final TypeElement record;
        final boolean isFrame;
        final List<? extends RecordComponentElement> all;
        final int index;
        final List<ComponentModel> earlier;
        final RecordComponentElement element;
        final String name;
        final TypeMirror type;

        Component(TypeElement record, boolean isFrame, List<? extends RecordComponentElement> all,
                int index, List<ComponentModel> earlier) {
            this.record = record;
            this.isFrame = isFrame;
            this.all = all;
            this.index = index;
            this.earlier = earlier;
            this.element = all.get(index);
            this.name = element.getSimpleName().toString();
            this.type = element.asType();
        }

        ComponentModel read() {
            TypeName typeName = TypeName.get(type);
            Encoding encoding;
            if (element.getAnnotation(Tag.class) != null) {
                encoding = virtual(Tag.class, new Encoding.TagValue());
            } else if (element.getAnnotation(TagFlags.class) != null) {
                encoding = virtual(TagFlags.class, new Encoding.TagFlagsValue());
            } else {
                encoding = encoding();
            }
            return new ComponentModel(name, element, typeName, encoding, condition());
        }

        private Encoding virtual(Class<? extends Annotation> marker, Encoding encoding) {
            String label = marker.getSimpleName();
            if (!isFrame) {
                report.error(element, Message.VIRTUAL_NOT_TOP, label, name, record.getSimpleName());
            }
            if (!isIntegral(type)) {
                report.error(element, Message.VIRTUAL_NOT_INTEGER, label, name, type);
            }
            for (Class<? extends Annotation> other : List.of(Field.class, FixedLength.class,
                    LengthPrefix.class, LengthFrom.class, Rest.class, Terminated.class,
                    CountPrefix.class, CountFrom.class, PresentIf.class, Ascii.class)) {
                if (element.getAnnotation(other) != null) {
                    report.error(element, Annotations.mirror(element, other), "value",
                            Message.VIRTUAL_WITH_OTHERS, label, name, other.getSimpleName());
                }
            }
            return encoding;
        }

        private Encoding encoding() {
            List<Class<? extends Annotation>> sizings = present(SIZINGS);
            if (sizings.size() > 1) {
                report.error(element, Annotations.mirror(element, sizings.get(1)), "value",
                        Message.SIZE_CONFLICT, name, sizings.get(0).getSimpleName(),
                        sizings.get(1).getSimpleName());
            }
            if (element.getAnnotation(Ascii.class) != null && !isString(type)) {
                report.error(element, Message.ASCII_NOT_STRING, name, type);
            }
            if (type.getKind() == TypeKind.ARRAY
                    && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) {
                return blob(BlobKind.BYTES, "byte[]", sizings);
            } else if (isString(type)) {
                boolean ascii = element.getAnnotation(Ascii.class) != null;
                return blob(ascii ? BlobKind.ASCII : BlobKind.UTF8, "String", sizings);
            } else if (isList(type)) {
                return sequence(sizings);
            }
            Encoding encoding;
            if (isRecord(type)) {
                encoding = nested(asElement(type));
            } else {
                encoding = scalar(type, element.getAnnotation(Field.class), true);
                if (encoding == null) {
                    report.error(element, Message.UNSUPPORTED_TYPE, name, type);
                    return null;
                }
            }
            for (Class<? extends Annotation> sizing : sizings) {
                report.error(element, Annotations.mirror(element, sizing), "value",
                        Message.SIZE_NOT_APPLICABLE, sizing.getSimpleName(), kindOf(encoding), name,
                        sizes(sizing));
            }
            return encoding;
        }

        private Encoding nested(TypeElement nested) {
            if (reading.contains(nested)) {
                report.error(element, Message.RECORD_CYCLE, nested.getSimpleName(), name);
                return null;
            }
            if (element.getAnnotation(Field.class) != null) {
                report.error(element, Message.FIELD_NOT_APPLICABLE, name, "a record");
            }
            return new Encoding.Nested(RecordReader.this.read(nested, false));
        }

        private Encoding blob(BlobKind kind, String typeLabel, List<Class<? extends Annotation>> sizings) {
            if (element.getAnnotation(Field.class) != null) {
                report.error(element, Message.FIELD_NOT_APPLICABLE, name, typeLabel);
            }
            Size size = size(typeLabel, sizings, BLOB_SIZINGS,
                    "@FixedLength, @LengthPrefix, @LengthFrom, @Rest or @Terminated");
            if (size instanceof Size.Terminated terminated && kind == BlobKind.UTF8
                    && terminated.terminator() < 0) {
                report.error(element, Annotations.mirror(element, Terminated.class), "value",
                        Message.TERMINATOR_NOT_ASCII, terminated.terminator(), terminated.terminator() & 0xFF, name);
            }
            return new Encoding.Blob(kind, size);
        }

        private Encoding sequence(List<Class<? extends Annotation>> sizings) {
            if (element.getAnnotation(Field.class) != null) {
                report.error(element, Message.FIELD_NOT_APPLICABLE, name, "a List");
            }
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            TypeMirror elementType = arguments.isEmpty() ? null : arguments.get(0);
            Encoding elementEncoding = null;
            if (elementType != null && isRecord(elementType)) {
                TypeElement elementRecord = asElement(elementType);
                if (reading.contains(elementRecord)) {
                    report.error(element, Message.RECORD_CYCLE, elementRecord.getSimpleName(), name);
                } else {
                    RecordModel model = RecordReader.this.read(elementRecord, false);
                    if (Sizes.minimum(model) == 0) {
                        report.error(element, Message.ELEMENT_EMPTY, name, elementRecord.getSimpleName());
                    }
                    elementEncoding = new Encoding.Nested(model);
                }
            } else if (elementType != null && elementType.getKind() == TypeKind.DECLARED
                    && (isBoxedInteger(elementType) || isEnum(elementType))) {
                elementEncoding = scalar(elementType, null, false);
            } else {
                report.error(element, Message.UNSUPPORTED_ELEMENT, name,
                        elementType == null ? "(raw List)" : elementType);
            }
            Size size = size("List", sizings, LIST_SIZINGS,
                    "@CountPrefix, @CountFrom, @LengthPrefix, @LengthFrom or @Rest");
            return new Encoding.Sequence(elementType == null ? ClassName.OBJECT : TypeName.get(elementType),
                    elementEncoding, size);
        }

        /** The one sizing among {@code allowed}, after reporting what is missing or misplaced. */
        private Size size(String typeLabel, List<Class<? extends Annotation>> present,
                List<Class<? extends Annotation>> allowed, String allowedList) {
            for (Class<? extends Annotation> sizing : present) {
                if (!allowed.contains(sizing)) {
                    report.error(element, Annotations.mirror(element, sizing), "value",
                            Message.SIZE_NOT_APPLICABLE, sizing.getSimpleName(), typeLabel, name,
                            sizes(sizing));
                }
            }
            List<Class<? extends Annotation>> usable = present.stream().filter(allowed::contains)
                    .collect(Collectors.toList());
            if (usable.isEmpty()) {
                if (present.isEmpty()) {
                    report.error(element, Message.SIZE_MISSING, typeLabel, name, allowedList);
                }
                return null;
            }
            return sizeFrom(usable.get(0));
        }

        private Size sizeFrom(Class<? extends Annotation> sizing) {
            AnnotationMirror mirror = Annotations.mirror(element, sizing);
            if (sizing == FixedLength.class) {
                int bytes = element.getAnnotation(FixedLength.class).value();
                if (bytes < 1) {
                    report.error(element, mirror, "value", Message.FIXED_LENGTH_RANGE, bytes, name);
                }
                return new Size.Fixed(bytes);
            } else if (sizing == LengthPrefix.class) {
                LengthPrefix prefix = element.getAnnotation(LengthPrefix.class);
                checkPrefix(mirror, "@LengthPrefix", prefix.width(), prefix.varint(), prefix.max());
                return new Size.LengthPrefix(prefix.width(), HeaderReader.varint(prefix.varint()),
                        order(prefix.order()), prefix.max());
            } else if (sizing == CountPrefix.class) {
                CountPrefix prefix = element.getAnnotation(CountPrefix.class);
                checkPrefix(mirror, "@CountPrefix", prefix.width(), prefix.varint(), prefix.max());
                return new Size.CountPrefix(prefix.width(), HeaderReader.varint(prefix.varint()),
                        order(prefix.order()), prefix.max());
            } else if (sizing == LengthFrom.class) {
                LengthFrom from = element.getAnnotation(LengthFrom.class);
                reference(mirror, "value", "@LengthFrom", from.value(), "length", false);
                for (String minus : from.minus()) {
                    reference(mirror, "minus", "@LengthFrom", minus, "length", false);
                }
                return new Size.LengthFrom(from.value(), List.of(from.minus()), from.plus());
            } else if (sizing == CountFrom.class) {
                String field = element.getAnnotation(CountFrom.class).value();
                reference(mirror, "value", "@CountFrom", field, "count", false);
                return new Size.CountFrom(field);
            } else if (sizing == Rest.class) {
                if (!isFrame) {
                    report.error(element, mirror, "value", Message.REST_NOT_TOP, name,
                            record.getSimpleName());
                } else if (index != all.size() - 1) {
                    report.error(element, mirror, "value", Message.REST_NOT_LAST, name);
                }
                return new Size.Rest();
            }
            return new Size.Terminated(element.getAnnotation(Terminated.class).value());
        }

        private void checkPrefix(AnnotationMirror mirror, String what, int width, Varint varint, int max) {
            if ((width == 0) == (varint == Varint.NONE)) {
                report.error(element, mirror, "width", Message.WIDTH_OR_VARINT, what + " on " + name,
                        width == 0 ? "set width = 1, 2 or 4, or varint" : "drop one");
            } else if (varint == Varint.NONE && width != 1 && width != 2 && width != 4) {
                report.error(element, mirror, "width", Message.WIDTH_RANGE, what, width, "1, 2 or 4");
            }
            if (max < 0) {
                report.error(element, mirror, "max", Message.MAX_NEGATIVE, max, name);
            }
        }

        private Condition condition() {
            PresentIf presentIf = element.getAnnotation(PresentIf.class);
            if (presentIf == null) {
                return null;
            }
            AnnotationMirror mirror = Annotations.mirror(element, PresentIf.class);
            if (type.getKind().isPrimitive()) {
                report.error(element, Message.CONDITION_PRIMITIVE, name, type,
                        ((ClassName) TypeName.get(type).box()).simpleName());
            }
            if (presentIf.bit() < -1 || presentIf.bit() > 63) {
                report.error(element, mirror, "bit", Message.CONDITION_BIT_RANGE, presentIf.bit(), name);
            } else if (presentIf.bit() >= 0 && presentIf.mask() != 0) {
                report.error(element, mirror, "mask", Message.CONDITION_BIT_AND_MASK, name);
            }
            reference(mirror, "field", "@PresentIf", presentIf.field(), "presence", true);
            long mask = presentIf.bit() >= 0 && presentIf.bit() <= 63 ? 1L << presentIf.bit() : presentIf.mask();
            return new Condition(presentIf.field(), mask, presentIf.equals());
        }

        /**
         * Checks that {@code path} ({@code flags}, or {@code header.flags} into an earlier nested
         * record) names an earlier, always-present integer component.
         */
        private void reference(AnnotationMirror mirror, String attribute, String what, String path,
                String purpose, boolean booleanAllowed) {
            String[] parts = path.split("\\.", -1);
            String label = what + " on " + name;
            int position = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).getSimpleName().contentEquals(parts[0])) {
                    position = i;
                }
            }
            if (position < 0) {
                report.error(element, mirror, attribute, Message.REFERENCE_MISSING, label, path,
                        record.getSimpleName(), booleanAllowed ? " or boolean" : "");
                return;
            }
            if (position == index) {
                report.error(element, mirror, attribute, Message.REFERENCE_SELF, label, name, purpose);
                return;
            }
            if (position > index) {
                report.error(element, mirror, attribute, Message.REFERENCE_LATER, label, path, name,
                        name, parts[0], name);
                return;
            }
            ComponentModel target = earlier.get(position);
            boolean conditional = target.condition() != null;
            for (int i = 1; target != null && i < parts.length; i++) {
                String part = parts[i];
                target = target.encoding() instanceof Encoding.Nested nested
                        ? nested.record().component(part).orElse(null) : null;
                conditional |= target != null && target.condition() != null;
            }
            if (target == null) {
                report.error(element, mirror, attribute, Message.REFERENCE_MISSING, label, path,
                        record.getSimpleName(), booleanAllowed ? " or boolean" : "");
            } else if (!(target.encoding() instanceof Encoding.TagValue
                    || target.encoding() instanceof Encoding.TagFlagsValue
                    || target.encoding() instanceof Encoding.Scalar scalar
                            && (scalar.kind() == ScalarKind.INTEGER
                                    || booleanAllowed && scalar.kind() == ScalarKind.BOOLEAN))) {
                report.error(element, mirror, attribute, Message.REFERENCE_NOT_INTEGER, label, path,
                        target.type(), booleanAllowed ? " or boolean" : "");
            } else if (conditional) {
                report.error(element, mirror, attribute, Message.REFERENCE_CONDITIONAL, label, path);
            }
        }

        /**
         * A number, boolean or enum's layout, or {@code null} if {@code scalarType} is none of
         * them. {@code field} is its {@code @Field}, if any; {@code report} is false for list
         * elements, whose problems are reported as an unsupported element instead.
         */
        private Encoding.Scalar scalar(TypeMirror scalarType, Field field, boolean checked) {
            TypeName javaType = TypeName.get(scalarType);
            TypeName primitive = javaType.isBoxedPrimitive() ? javaType.unbox() : javaType;
            ScalarKind kind;
            int natural;
            if (primitive.equals(TypeName.BYTE) || primitive.equals(TypeName.SHORT)
                    || primitive.equals(TypeName.INT) || primitive.equals(TypeName.LONG)) {
                kind = ScalarKind.INTEGER;
                natural = primitive.equals(TypeName.BYTE) ? 1 : primitive.equals(TypeName.SHORT) ? 2
                        : primitive.equals(TypeName.INT) ? 4 : 8;
            } else if (primitive.equals(TypeName.BOOLEAN)) {
                kind = ScalarKind.BOOLEAN;
                natural = 1;
            } else if (primitive.equals(TypeName.FLOAT)) {
                kind = ScalarKind.FLOAT;
                natural = 4;
            } else if (primitive.equals(TypeName.DOUBLE)) {
                kind = ScalarKind.DOUBLE;
                natural = 8;
            } else if (isEnum(scalarType)) {
                kind = ScalarKind.ENUM;
                natural = 1;
            } else {
                return null;
            }
            int width = field == null || field.width() == 0 ? natural : field.width();
            boolean unsigned = field != null && field.unsigned();
            VarintKind varint = field == null ? VarintKind.NONE : HeaderReader.varint(field.varint());
            boolean order = field == null ? bigEndian : order(field.order());
            if (field != null && checked) {
                checkField(field, kind, primitive, natural);
            }
            EnumModel enumModel = kind == ScalarKind.ENUM ? enumModel(asElement(scalarType), width) : null;
            return new Encoding.Scalar(kind, javaType, varint == VarintKind.NONE ? width : 0,
                    unsigned, order, varint, enumModel);
        }

        private void checkField(Field field, ScalarKind kind, TypeName primitive, int natural) {
            AnnotationMirror mirror = Annotations.mirror(element, Field.class);
            if (field.varint() != Varint.NONE) {
                if (!(primitive.equals(TypeName.INT) || primitive.equals(TypeName.LONG))) {
                    report.error(element, mirror, "varint", Message.FIELD_VARINT_TYPE, name, type);
                } else if (field.width() != 0) {
                    report.error(element, mirror, "width", Message.FIELD_VARINT_AND_WIDTH, name);
                }
            }
            if (field.unsigned() && kind != ScalarKind.INTEGER && kind != ScalarKind.ENUM) {
                report.error(element, mirror, "unsigned", Message.FIELD_UNSIGNED_NOT_INTEGER, name, type);
            }
            int width = field.width();
            if (width == 0) {
                return;
            }
            if (kind == ScalarKind.ENUM) {
                if (width < 1 || width > 4) {
                    report.error(element, mirror, "width", Message.ENUM_WIDTH, name, width);
                }
            } else if (kind == ScalarKind.INTEGER ? width < 1 || width > natural : width != natural) {
                report.error(element, mirror, "width", Message.FIELD_WIDTH, width, type, name,
                        kind == ScalarKind.INTEGER ? "1 to " + natural : String.valueOf(natural));
            }
        }

        private EnumModel enumModel(TypeElement enumType, int width) {
            List<Object> key = List.of(enumType, width);
            if (enums.containsKey(key)) {
                reusedBroken |= broken.contains(enumType);
                return enums.get(key);
            }
            int errors = report.errors();
            List<EnumModel.Constant> constants = new ArrayList<>();
            Map<Long, String> byCode = new HashMap<>();
            for (Element member : enumType.getEnclosedElements()) {
                if (member.getKind() != ElementKind.ENUM_CONSTANT) {
                    continue;
                }
                String constant = member.getSimpleName().toString();
                Code code = member.getAnnotation(Code.class);
                if (code == null) {
                    report.error(member, Message.ENUM_CODE_MISSING, enumType.getSimpleName(), constant);
                    continue;
                }
                AnnotationMirror mirror = Annotations.mirror(member, Code.class);
                String previous = byCode.putIfAbsent(code.value(), constant);
                if (previous != null) {
                    report.error(member, mirror, "value", Message.ENUM_CODE_DUPLICATE, code.value(),
                            enumType.getSimpleName(), constant, previous);
                } else if (code.value() < 0 || width < 8 && code.value() >>> (8 * width) != 0) {
                    report.error(member, mirror, "value", Message.ENUM_CODE_TOO_WIDE, code.value(),
                            enumType.getSimpleName(), constant, width, name);
                }
                constants.add(new EnumModel.Constant(constant, code.value()));
            }
            EnumModel model = new EnumModel(ClassName.get(enumType), constants);
            enums.put(key, model);
            if (report.errors() != errors) {
                broken.add(enumType);
            }
            return model;
        }

        private List<Class<? extends Annotation>> present(List<Class<? extends Annotation>> candidates) {
            return candidates.stream().filter(a -> element.getAnnotation(a) != null)
                    .collect(Collectors.toList());
        }

        private boolean order(Order order) {
            return order == Order.PROTOCOL ? bigEndian : order == Order.BIG_ENDIAN;
        }
    }

    /** What a sizing annotation applies to, for the message that it was put elsewhere. */
    private static String sizes(Class<? extends Annotation> sizing) {
        boolean blobs = BLOB_SIZINGS.contains(sizing);
        boolean lists = LIST_SIZINGS.contains(sizing);
        return blobs && lists ? "byte[], String and List components"
                : blobs ? "byte[] and String components" : "List components";
    }

    private static String kindOf(Encoding encoding) {
        return encoding instanceof Encoding.Nested ? "record" : "scalar";
    }

    private static boolean isIntegral(TypeMirror type) {
        TypeName name = TypeName.get(type);
        TypeName primitive = name.isBoxedPrimitive() ? name.unbox() : name;
        return primitive.equals(TypeName.BYTE) || primitive.equals(TypeName.SHORT)
                || primitive.equals(TypeName.INT) || primitive.equals(TypeName.LONG);
    }

    private static boolean isBoxedInteger(TypeMirror type) {
        return !type.getKind().isPrimitive() && isIntegral(type);
    }

    private static TypeElement asElement(TypeMirror type) {
        return (TypeElement) ((DeclaredType) type).asElement();
    }

    private static boolean isDeclared(TypeMirror type, String qualifiedName) {
        return type.getKind() == TypeKind.DECLARED
                && asElement(type).getQualifiedName().contentEquals(qualifiedName);
    }

    private static boolean isString(TypeMirror type) {
        return isDeclared(type, "java.lang.String");
    }

    private static boolean isList(TypeMirror type) {
        return isDeclared(type, "java.util.List");
    }

    private static boolean isRecord(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED && asElement(type).getKind() == ElementKind.RECORD;
    }

    private static boolean isEnum(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED && asElement(type).getKind() == ElementKind.ENUM;
    }
}
