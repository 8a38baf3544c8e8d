package dev.twine.processor.writing;

import static dev.twine.processor.writing.Scope.camel;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.twine.processor.model.ComponentModel;
import dev.twine.processor.model.Encoding;
import dev.twine.processor.model.EnumModel;
import dev.twine.processor.model.FrameModel;
import dev.twine.processor.model.HeaderField;
import dev.twine.processor.model.HeaderModel;
import dev.twine.processor.model.ProtocolModel;
import dev.twine.processor.model.RecordModel;
import dev.twine.processor.model.Size;
import dev.twine.processor.model.Sizes;
import dev.twine.processor.model.VarintKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PFramer}: the protocol's header described once for the runtime's
 * {@code HeaderFramer}, which resumes at every byte and checks every limit, plus one straight-line
 * method per frame that decodes it from a buffer holding exactly that frame.
 */
public final class FramerWriter extends SourceFileWriter {

    @Override
    protected TypeSpec.Builder type(ProtocolModel protocol) {
        TypeSpec.Builder type = TypeSpec.classBuilder(protocol.framerType())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(RuntimeTypes.HEADER_FRAMER, protocol.type()))
                .addJavadoc(javadoc(protocol));
        for (FrameModel frame : protocol.frames()) {
            type.addField(FieldSpec.builder(int.class, kindConstant(frame), Modifier.PUBLIC,
                            Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The kind of {@link $T} frames, as delivered to\n"
                            + "{@link dev.twine.framing.FrameSink#onFrameOfKind}.\n", frame.record().type())
                    .initializer("$L", frame.kind())
                    .build());
        }
        type.addField(FieldSpec.builder(RuntimeTypes.FRAME_HEADER, "HEADER", Modifier.PRIVATE,
                        Modifier.STATIC, Modifier.FINAL)
                .initializer(headerInitializer(protocol))
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("A framer for one connection: it holds that connection's partial frame.\n")
                .addStatement("super(HEADER)")
                .build());
        HeaderModel header = protocol.header();
        if (!header.length().isVarint()) {
            type.addMethod(fieldRead("lengthAt", header.length()));
        }
        if (header.hasTag()) {
            type.addMethod(fieldRead("rawTagAt", header.tag()));
        }
        type.addMethod(kindOf(protocol));
        type.addMethod(readDispatch(protocol));
        Helpers helpers = new Helpers();
        for (FrameModel frame : protocol.frames()) {
            type.addMethod(new RecordReader(protocol, frame, helpers).frameMethod());
        }
        // Element readers can need further element readers: write until none is left.
        for (int i = 0; i < helpers.elements.size(); i++) {
            RecordModel element = new ArrayList<>(helpers.elements.values()).get(i);
            type.addMethod(new RecordReader(protocol, null, helpers).elementMethod(element));
        }
        for (EnumModel enumType : helpers.enums.values()) {
            type.addMethod(enumFromCode(protocol, enumType));
        }
        return type;
    }

    static String kindConstant(FrameModel frame) {
        return "KIND_" + upperSnake(frame.name());
    }

    private static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toUpperCase(java.util.Locale.ROOT);
    }

    private static CodeBlock javadoc(ProtocolModel protocol) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The incremental framer of {@link $T}: bytes in, whole frames out, each delivered\n",
                        protocol.type())
                .add("with its kind ({@code KIND_...}).\n\n")
                .add("<p>It reads a frame's header as its bytes arrive, decides from the header alone whether\n")
                .add("the frame is acceptable (length at most $L bytes, a known tag", protocol.header().maxFrameLength())
                .add(protocol.header().magics().isEmpty() ? "" : ", the right magic")
                .add("), then waits\n")
                .add("for the rest of the frame, holding only what has arrived, and decodes it in one pass.\n")
                .add("A frame that arrives whole is decoded straight from the input. See\n")
                .add("{@link $T} for the state it exposes to tests.\n\n", RuntimeTypes.HEADER_FRAMER)
                .add("<p>One instance per connection; not thread-safe.\n");
        return doc.build();
    }

    private static CodeBlock headerInitializer(ProtocolModel protocol) {
        HeaderModel header = protocol.header();
        CodeBlock.Builder init = CodeBlock.builder()
                .add("$T.builder($S)\n", RuntimeTypes.FRAME_HEADER, protocol.baseName())
                .indent().indent();
        HeaderField length = header.length();
        if (length.isVarint()) {
            init.add(".lengthVarint($L, $L, $L)\n", length.offset(), length.varint().isMqtt(),
                    length.adjustment());
        } else {
            init.add(".length($L, $L, $L, $L)\n", length.offset(), length.width(), length.bigEndian(),
                    length.adjustment());
        }
        if (header.hasTag()) {
            HeaderField tag = header.tag();
            init.add(".tag($L, $L, $L, $L)\n", tag.offset(), tag.width(), tag.shift(), tag.bigEndian());
        }
        for (HeaderField magic : header.magics()) {
            init.add(".magic($L, $L, 0x$LL, $L)\n", magic.offset(), magic.width(),
                    Long.toHexString(magic.value()), magic.bigEndian());
        }
        return init.add(".maxFrameLength($L)\n", header.maxFrameLength())
                .add(".build()")
                .unindent().unindent()
                .build();
    }

    /**
     * Overrides the {@code HeaderFramer} method {@code name}, which reads {@code field}, unsigned,
     * from a complete header, with the reads of the field's own width and order.
     */
    private static MethodSpec fieldRead(String name, HeaderField field) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(long.class)
                .addParameter(RuntimeTypes.BYTE_BUFFER, "frame")
                .addParameter(int.class, "start")
                .addComment("Fixed width and order, so the JIT can fold the read.")
                .addStatement("return $L",
                        ScalarCode.unsignedAt(field.width(), field.bigEndian(), "frame", "start", field.offset()))
                .build();
    }

    private static MethodSpec kindOf(ProtocolModel protocol) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("kindOf")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(int.class)
                .addParameter(long.class, "tag");
        if (!protocol.header().hasTag()) {
            return method.addComment("A protocol without a tag has one frame type.")
                    .addStatement("return $N", kindConstant(protocol.frames().get(0)))
                    .build();
        }
        boolean narrow = protocol.header().tagBits() <= 31;
        if (narrow || protocol.frames().stream().flatMap(f -> f.tags().stream()).allMatch(t -> t <= Integer.MAX_VALUE)) {
            CodeBlock.Builder code = CodeBlock.builder();
            if (narrow) {
                code.add("// The tag field is $L bits wide, so the cast is exact.\n", protocol.header().tagBits());
            } else {
                code.beginControlFlow("if (tag > $T.MAX_VALUE)", Integer.class)
                        .add("// Above every tag: they all fit an int.\n")
                        .addStatement("return -1")
                        .endControlFlow();
            }
            code.add("return switch ((int) tag) {\n").indent();
            for (FrameModel frame : protocol.frames()) {
                code.add("case $L -> $N;\n", frame.tags().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")), kindConstant(frame));
            }
            code.add("default -> -1;\n").unindent().add("};\n");
            return method.addCode(code.build()).build();
        }
        for (FrameModel frame : protocol.frames()) {
            String test = frame.tags().stream().map(t -> "tag == " + t + "L")
                    .collect(Collectors.joining(" || "));
            method.beginControlFlow("if ($L)", test)
                    .addStatement("return $N", kindConstant(frame))
                    .endControlFlow();
        }
        return method.addStatement("return -1").build();
    }

    private static MethodSpec readDispatch(ProtocolModel protocol) {
        CodeBlock.Builder code = CodeBlock.builder().add("return switch (kind) {\n").indent();
        for (FrameModel frame : protocol.frames()) {
            code.add("case $N -> $N(frame);\n", kindConstant(frame), "read" + frame.name());
        }
        code.add("default -> throw new $T($S + kind);\n", IllegalArgumentException.class,
                        "no " + protocol.baseName() + " frame has kind ")
                .unindent().add("};\n");
        return MethodSpec.methodBuilder("read")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(protocol.type())
                .addParameter(int.class, "kind")
                .addParameter(RuntimeTypes.BYTE_BUFFER, "frame")
                .addCode(code.build())
                .build();
    }

    static String readMethod(ProtocolModel protocol, RecordModel record) {
        return "read" + protocol.helperName(record.type());
    }

    private static MethodSpec enumFromCode(ProtocolModel protocol, EnumModel enumType) {
        CodeBlock.Builder code = CodeBlock.builder().add("return switch (code) {\n").indent();
        for (EnumModel.Constant constant : enumType.constants()) {
            code.add("case $L -> $T.$N;\n", (int) constant.code(), enumType.type(), constant.name());
        }
        code.add("default -> throw new $T(what + $S + $T.toUnsignedString(code));\n", RuntimeTypes.CORRUPT,
                        ": no " + enumType.type().simpleName() + " has the code ", Integer.class)
                .unindent().add("};\n");
        return MethodSpec.methodBuilder(ScalarCode.enumFromCode(protocol, enumType))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("The constant whose code is {@code code}; {@code what} names the component in errors.\n")
                .returns(enumType.type())
                .addParameter(int.class, "code")
                .addParameter(String.class, "what")
                .addCode(code.build())
                .build();
    }

    /** Writes the straight-line code that reads one record from a buffer. */
    private static final class RecordReader {
        private final ProtocolModel protocol;
        /** The frame whose own record is read, or {@code null} for a list element. */
        private final FrameModel frame;
        private final Helpers helpers;
        private final NameAllocator names = new NameAllocator();
        private final CodeBlock.Builder code = CodeBlock.builder();
        private final String buffer;
        private String start;
        /** How diagnostics name the record: the frame, or the list element's type. */
        private String label;
        /** What must follow the value just read (a terminator to step over), or {@code null}. */
        private CodeBlock afterValue;
        /** The index of this method's loops, which never nest within one method. */
        private String index;

        RecordReader(ProtocolModel protocol, FrameModel frame, Helpers helpers) {
            this.protocol = protocol;
            this.frame = frame;
            this.helpers = helpers;
            this.buffer = names.newName("frame");
            this.label = frame != null ? frame.name() : null;
        }

        MethodSpec frameMethod() {
            RecordModel record = frame.record();
            start = names.newName("start");
            code.addStatement("final int $N = $N.position()", start, buffer);
            checkTagFlags();
            CodeBlock value = readRecord(record, "", new Scope());
            owned(frame.headerAfter());
            code.addStatement("return $L", value);
            return MethodSpec.methodBuilder("read" + frame.name())
                    .addModifiers(Modifier.PRIVATE)
                    .returns(record.type())
                    .addParameter(RuntimeTypes.BYTE_BUFFER, buffer)
                    .addCode(code.build())
                    .build();
        }

        MethodSpec elementMethod(RecordModel record) {
            label = record.type().simpleName();
            code.addStatement("return $L", readRecord(record, "", new Scope()));
            return MethodSpec.methodBuilder(readMethod(protocol, record))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(record.type())
                    .addParameter(RuntimeTypes.BYTE_BUFFER, buffer)
                    .addCode(code.build())
                    .build();
        }

        private void checkTagFlags() {
            if (!protocol.header().hasTag() || protocol.header().tag().shift() == 0
                    || frame.tagFlagsComponent().isPresent()) {
                return;
            }
            code.beginControlFlow("if (tagFlags() != $L)", frame.tagFlags())
                    .addStatement("throw new $T($S + tagFlags())", RuntimeTypes.CORRUPT,
                            frame.name() + " frames carry tag flags " + frame.tagFlags() + ", not ")
                    .endControlFlow();
        }

        /** Reads every component of {@code record} into locals; returns the constructor call. */
        private CodeBlock readRecord(RecordModel record, String prefix, Scope scope) {
            List<String> arguments = new ArrayList<>();
            for (ComponentModel component : record.components()) {
                String path = prefix + component.name();
                if (frame != null) {
                    owned(frame.headerBefore(path));
                }
                arguments.add(readComponent(component, path, scope));
            }
            return CodeBlock.of("new $T($L)", record.type(), String.join(", ", arguments));
        }

        private String readComponent(ComponentModel component, String path, Scope scope) {
            Encoding encoding = component.encoding();
            String local = names.newName(camel(path));
            TypeName type = component.type();
            if (encoding instanceof Encoding.TagValue) {
                code.addStatement("final $T $N = $L", type, local, narrowed("tag()", TypeName.LONG, type));
            } else if (encoding instanceof Encoding.TagFlagsValue) {
                code.addStatement("final $T $N = $L", type, local, narrowed("tagFlags()", TypeName.INT, type));
            } else if (component.condition() != null) {
                code.addStatement("$T $N = null", type, local);
                code.beginControlFlow("if ($L)", scope.test(component.condition()));
                assign("$N = $L", local, value(component, path, scope));
                code.endControlFlow();
            } else if (encoding instanceof Encoding.Nested nested) {
                Scope inner = new Scope();
                scope.putNested(component.name(), inner);
                CodeBlock value = readRecord(nested.record(), path + ".", inner);
                code.addStatement("final $T $N = $L", type, local, value);
                return local;
            } else if (encoding instanceof Encoding.Sequence sequence) {
                sequence(sequence, type, local, camel(path), what(path), scope);
            } else {
                assign("final $T $N = $L", type, local, value(component, path, scope));
            }
            scope.put(component.name(), local, component);
            return local;
        }

        /** An expression for the component's value, after any statements it needs first. */
        private CodeBlock value(ComponentModel component, String path, Scope scope) {
            Encoding encoding = component.encoding();
            String what = what(path);
            if (encoding instanceof Encoding.Scalar scalar) {
                return scalar(scalar, what);
            } else if (encoding instanceof Encoding.Nested nested) {
                return readRecord(nested.record(), path + ".", new Scope());
            } else if (encoding instanceof Encoding.Blob blob) {
                return blob(blob, camel(path), what, scope);
            }
            String list = names.newName(camel(path) + "List");
            sequence((Encoding.Sequence) encoding, component.type(), list, camel(path), what, scope);
            return CodeBlock.of("$N", list);
        }

        private CodeBlock scalar(Encoding.Scalar scalar, String what) {
            if (scalar.kind() == Encoding.ScalarKind.ENUM) {
                helpers.enums.putIfAbsent(scalar.enumType().type(), scalar.enumType());
            }
            return ScalarCode.read(scalar, buffer, what, protocol);
        }

        private CodeBlock blob(Encoding.Blob blob, String name, String what, Scope scope) {
            Size size = blob.size();
            String length = names.newName(name + "Size");
            code.addStatement("final int $N = $L", length, byteLength(size, what, scope));
            CodeBlock value;
            if (size instanceof Size.Fixed && blob.kind() != Encoding.BlobKind.BYTES) {
                value = CodeBlock.of("$T.getPaddedString($N, $N, $L, $S)", RuntimeTypes.WIRE, buffer, length,
                        blob.kind() == Encoding.BlobKind.ASCII, what);
            } else {
                String getter = switch (blob.kind()) {
                    case BYTES -> "getBytes";
                    case UTF8 -> "getUtf8";
                    case ASCII -> "getAscii";
                };
                value = blob.kind() == Encoding.BlobKind.ASCII
                        ? CodeBlock.of("$T.$N($N, $N, $S)", RuntimeTypes.WIRE, getter, buffer, length, what)
                        : CodeBlock.of("$T.$N($N, $N)", RuntimeTypes.WIRE, getter, buffer, length);
            }
            if (size instanceof Size.Terminated) {
                afterValue = CodeBlock.of("$N.get(); // the terminator\n", buffer);
            }
            return value;
        }

        private String index() {
            if (index == null) {
                index = names.newName("i");
            }
            return index;
        }

        /** Assigns {@code value} to a component's local, then steps over anything after it. */
        private void assign(String statement, Object... args) {
            code.addStatement(statement, args);
            if (afterValue != null) {
                code.add(afterValue);
                afterValue = null;
            }
        }

        /** An {@code int} expression for a byte length, checked against what the frame has left. */
        private CodeBlock byteLength(Size size, String what, Scope scope) {
            if (size instanceof Size.Fixed fixed) {
                return CodeBlock.of("$T.checkLength($L, $N, $S)", RuntimeTypes.WIRE, fixed.bytes(), buffer, what);
            } else if (size instanceof Size.LengthPrefix prefix) {
                return checked(prefix(prefix.width(), prefix.varint(), prefix.bigEndian()), prefix.max(),
                        "checkLength", what);
            } else if (size instanceof Size.LengthFrom from) {
                CodeBlock.Builder sum = CodeBlock.builder().add("$L", scope.resolveLong(from.field()));
                for (String minus : from.minus()) {
                    sum.add(" - $L", scope.resolveLong(minus));
                }
                if (from.plus() != 0) {
                    sum.add(from.plus() > 0 ? " + $L" : " - $L", Math.abs(from.plus()));
                }
                return CodeBlock.of("$T.checkLength($L, $N, $S)", RuntimeTypes.WIRE, sum.build(), buffer, what);
            } else if (size instanceof Size.Rest) {
                return CodeBlock.of("$N.remaining()", buffer);
            }
            byte terminator = ((Size.Terminated) size).terminator();
            return CodeBlock.of("$T.terminatorIndex($N, (byte) $L, $S)", RuntimeTypes.WIRE, buffer, terminator,
                    what);
        }

        /** A length or count read from a prefix, checked against an optional maximum, then the frame. */
        private CodeBlock checked(CodeBlock prefix, int max, String check, String what) {
            if (max > 0) {
                String raw = names.newName("declared");
                code.addStatement("final long $N = $L", raw, prefix);
                code.beginControlFlow("if ($N > $L)", raw, max)
                        .addStatement("throw new $T($S, $N, $L)", RuntimeTypes.TOO_LONG, what, raw, max)
                        .endControlFlow();
                prefix = CodeBlock.of("$N", raw);
            }
            return check.equals("checkLength")
                    ? CodeBlock.of("$T.checkLength($L, $N, $S)", RuntimeTypes.WIRE, prefix, buffer, what)
                    : prefix;
        }

        private CodeBlock prefix(int width, VarintKind varint, boolean bigEndian) {
            if (width == 0) {
                return CodeBlock.of("$T.getVarint($N, $L)", RuntimeTypes.WIRE, buffer, varint.isMqtt());
            }
            return ScalarCode.read(ScalarCode.unsignedLong(width, bigEndian), buffer, "", protocol);
        }

        /** Declares {@code list}, of type {@code type}, and fills it with the elements. */
        private void sequence(Encoding.Sequence sequence, TypeName type, String list, String name,
                String what, Scope scope) {
            Size size = sequence.size();
            CodeBlock element = element(sequence.element(), what);
            if (size instanceof Size.CountPrefix || size instanceof Size.CountFrom) {
                CodeBlock declared = size instanceof Size.CountPrefix prefix
                        ? checked(prefix(prefix.width(), prefix.varint(), prefix.bigEndian()), prefix.max(),
                                "checkCount", what)
                        : CodeBlock.of("$L", scope.resolveLong(((Size.CountFrom) size).field()));
                String count = names.newName(name + "Count");
                code.addStatement("final int $N = $T.checkCount($L, $N, $L, $S)", count, RuntimeTypes.WIRE,
                        declared, buffer, Sizes.minimum(sequence.element()), what);
                code.addStatement("final $T $N = new $T<>($N)", type, list, ArrayList.class, count);
                String i = index();
                code.beginControlFlow("for (int $N = 0; $N < $N; $N++)", i, i, count, i)
                        .addStatement("$N.add($L)", list, element)
                        .endControlFlow();
                return;
            }
            code.addStatement("final $T $N = new $T<>()", type, list, ArrayList.class);
            if (size instanceof Size.Rest) {
                code.beginControlFlow("while ($N.hasRemaining())", buffer)
                        .addStatement("$N.add($L)", list, element)
                        .endControlFlow();
                return;
            }
            // The elements must end exactly where the length says: read them inside it.
            String length = names.newName(name + "Size");
            code.addStatement("final int $N = $L", length, byteLength(size, what, scope));
            String limit = names.newName(name + "Limit");
            code.addStatement("final int $N = $N.limit()", limit, buffer)
                    .addStatement("$N.limit($N.position() + $N)", buffer, buffer, length)
                    .beginControlFlow("while ($N.hasRemaining())", buffer)
                    .addStatement("$N.add($L)", list, element)
                    .endControlFlow()
                    .addStatement("$N.limit($N)", buffer, limit);
        }

        private CodeBlock element(Encoding element, String what) {
            if (element instanceof Encoding.Nested nested) {
                helpers.elements.putIfAbsent(nested.record().type(), nested.record());
                return CodeBlock.of("$N($N)", readMethod(protocol, nested.record()), buffer);
            }
            return scalar((Encoding.Scalar) element, what);
        }

        /** Steps over header fields the protocol owns; the framer has already checked them. */
        private void owned(List<HeaderField> fields) {
            if (fields.isEmpty()) {
                return;
            }
            HeaderField last = fields.get(fields.size() - 1);
            code.add("// $L\n", fields.stream().map(f -> "the " + f.role().label() + " field")
                    .collect(Collectors.joining(", ")) + ", checked by the framer");
            if (last.isVarint()) {
                code.addStatement("$N.position($N + lengthFieldEnd())", buffer, start);
            } else {
                code.addStatement("$N.position($N + $L)", buffer, start, last.end());
            }
        }

        private String what(String path) {
            return (frame != null ? frame.name() : label) + "." + path;
        }
    }

    /** {@code value}, of type {@code from}, cast to {@code type}'s primitive unless it already is one. */
    private static CodeBlock narrowed(String value, TypeName from, TypeName type) {
        TypeName to = primitive(type);
        return to.equals(from) ? CodeBlock.of("$L", value) : CodeBlock.of("($T) $L", to, value);
    }

    private static TypeName primitive(TypeName type) {
        return type.isBoxedPrimitive() ? type.unbox() : type;
    }

}
