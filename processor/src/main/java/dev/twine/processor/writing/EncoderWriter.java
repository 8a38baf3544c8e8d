package dev.twine.processor.writing;

import static dev.twine.processor.writing.Scope.camel;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.twine.processor.model.ComponentModel;
import dev.twine.processor.model.Condition;
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
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PEncoder}: for each frame, its exact size and the code that writes it — header
 * fields the protocol owns (length, tag, magic) included, computed rather than asked for.
 *
 * <p>Every check on a frame (values that do not fit their width, a list whose size disagrees with
 * its count field, a missing conditional component) happens while measuring it, before a byte is
 * written; writing then cannot fail.
 */
public final class EncoderWriter extends SourceFileWriter {

    @Override
    protected TypeSpec.Builder type(ProtocolModel protocol) {
        ClassName self = protocol.encoderType();
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.FRAME_ENCODER, protocol.type()))
                .addJavadoc(CodeBlock.builder()
                        .add("Encodes {@link $T} frames: each frame's exact size, and its bytes written in one\n",
                                protocol.type())
                        .add("pass, with the length, tag and magic header fields filled in.\n\n")
                        .add("<p>{@code encode} writes into a {@code ByteBuffer} of the caller's; {@code write}\n")
                        .add("puts the frame straight into the transport's outgoing buffer\n")
                        .add("({@link $T#claim}), with no copy. A frame that cannot be expressed (a value too\n",
                                RuntimeTypes.TRANSPORT)
                        .add("wide for its field, a list whose size disagrees with its count field) is refused\n")
                        .add("with {@link IllegalArgumentException} before anything is written. It keeps no\n")
                        .add("state: one instance may serve every connection, of every reactor.\n")
                        .build());
        addGeneric(type, protocol);
        Helpers helpers = new Helpers();
        for (FrameModel frame : protocol.frames()) {
            addTyped(type, protocol, frame);
            type.addMethod(new Measure(protocol, frame, helpers).frameMethod());
            type.addMethod(new Put(protocol, frame, helpers).frameMethod());
        }
        for (int i = 0; i < helpers.elements.size(); i++) {
            RecordModel element = List.copyOf(helpers.elements.values()).get(i);
            type.addMethod(new Measure(protocol, null, helpers).elementMethod(element));
            type.addMethod(new Put(protocol, null, helpers).elementMethod(element));
        }
        for (EnumModel enumType : helpers.enums.values()) {
            type.addMethod(enumToCode(protocol, enumType));
        }
        addLengthHelpers(type, protocol.header());
        return type;
    }

    /** {@code sizeOf}, {@code encode}, {@code write} and {@code toByteArray} for any frame. */
    private static void addGeneric(TypeSpec.Builder type, ProtocolModel protocol) {
        TypeName p = protocol.type();
        type.addMethod(dispatch(protocol, MethodSpec.methodBuilder("sizeOf")
                .addJavadoc("The exact number of bytes {@code frame} takes on the wire, header included.\n")
                .returns(int.class)
                .addParameter(p, "frame"), "return sizeOf($N)"));
        type.addMethod(dispatch(protocol, MethodSpec.methodBuilder("encode")
                .addJavadoc("Writes {@code frame} at {@code out}'s position, advancing it by\n"
                        + "{@link #sizeOf($T) sizeOf(frame)} bytes.\n\n"
                        + "@throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has\n"
                        + "    too little room; nothing is written then\n", p)
                .addParameter(p, "frame")
                .addParameter(RuntimeTypes.BYTE_BUFFER, "out"), "encode($N, out)"));
        type.addMethod(dispatch(protocol, MethodSpec.methodBuilder("write")
                .addAnnotation(Override.class)
                .addJavadoc("Queues {@code frame}'s bytes on {@code transport}.\n\n"
                        + "@throws IllegalArgumentException if the frame cannot be expressed; nothing is written\n"
                        + "    then\n")
                .addParameter(RuntimeTypes.TRANSPORT, "transport")
                .addParameter(p, "frame"), "write(transport, $N)"));
        type.addMethod(MethodSpec.methodBuilder("toByteArray")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("{@code frame}'s bytes in a new array: for tests, logs and one-off sends.\n")
                .returns(byte[].class)
                .addParameter(p, "frame")
                .addStatement("final byte[] bytes = new byte[sizeOf(frame)]")
                .addStatement("encode(frame, $T.wrap(bytes))", RuntimeTypes.BYTE_BUFFER)
                .addStatement("return bytes")
                .build());
    }

    /**
     * A method over every frame type: Java 17 cannot switch on a sealed type, so this is the one
     * place that tests types — the typed overloads below skip it.
     */
    private static MethodSpec dispatch(ProtocolModel protocol, MethodSpec.Builder method, String call) {
        method.addModifiers(Modifier.PUBLIC);
        boolean first = true;
        for (FrameModel frame : protocol.frames()) {
            String local = lowerFirst(frame.name());
            if (SourceVersion.isKeyword(local) || local.equals("frame") || local.equals("out")
                    || local.equals("transport")) {
                local = local + "Frame";
            }
            String test = "frame instanceof $T $N";
            if (first) {
                method.beginControlFlow("if (" + test + ")", frame.record().type(), local);
                first = false;
            } else {
                method.nextControlFlow("else if (" + test + ")", frame.record().type(), local);
            }
            method.addStatement(call, local);
        }
        return method.nextControlFlow("else")
                .addStatement("throw new $T($S + frame)", IllegalArgumentException.class,
                        "not a " + protocol.baseName() + " frame: ")
                .endControlFlow()
                .build();
    }

    private static void addTyped(TypeSpec.Builder type, ProtocolModel protocol, FrameModel frame) {
        ClassName f = frame.record().type();
        String measure = "measure" + frame.name();
        String put = "put" + frame.name();
        String diagram = LayoutDiagram.of(protocol.header(), frame);
        type.addMethod(MethodSpec.methodBuilder("sizeOf")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The exact number of bytes a {@link $T} frame takes on the wire.\n", f)
                .returns(int.class)
                .addParameter(f, "frame")
                .addStatement("return sizeFor($N(frame))", measure)
                .build());
        type.addMethod(MethodSpec.methodBuilder("encode")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Writes a {@link $T} frame at {@code out}'s position:\n\n<pre>\n$L\n</pre>\n\n"
                        + "@throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has\n"
                        + "    too little room; nothing is written then\n", f, diagram)
                .addParameter(f, "frame")
                .addParameter(RuntimeTypes.BYTE_BUFFER, "out")
                .addStatement("final int measured = $N(frame)", measure)
                .addStatement("final long length = lengthValue(measured)")
                .addStatement("$T.checkRoom(out, sizeFor(measured), $S)", RuntimeTypes.WIRE, frame.name())
                .addComment("The put methods write multi-byte values in big-endian buffer order.")
                .addStatement("final $T order = out.order()", ByteOrder.class)
                .addStatement("$N(frame, out.order($T.BIG_ENDIAN), length)", put, ByteOrder.class)
                .addStatement("out.order(order)")
                .build());
        type.addMethod(MethodSpec.methodBuilder("write")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Queues a {@link $T} frame on {@code transport}.\n\n"
                        + "@throws IllegalArgumentException if the frame cannot be expressed; nothing is written\n"
                        + "    then\n", f)
                .addParameter(RuntimeTypes.TRANSPORT, "transport")
                .addParameter(f, "frame")
                .addStatement("final int measured = $N(frame)", measure)
                .addStatement("final long length = lengthValue(measured)")
                .addStatement("final $T out = transport.claim(sizeFor(measured))", RuntimeTypes.BYTE_BUFFER)
                .addStatement("$N(frame, out, length)", put)
                .addStatement("transport.commit(out)")
                .build());
    }

    /**
     * {@code lengthValue} and {@code sizeFor}: from what a frame measures (everything but a varint
     * length field, whose own size depends on its value) to its length field's value and its size.
     */
    private static void addLengthHelpers(TypeSpec.Builder type, HeaderModel header) {
        HeaderField length = header.length();
        MethodSpec.Builder value = MethodSpec.methodBuilder("lengthValue")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(long.class)
                .addParameter(int.class, "measured");
        MethodSpec.Builder size = MethodSpec.methodBuilder("sizeFor")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(int.class)
                .addParameter(int.class, "measured");
        if (length.isVarint()) {
            value.addJavadoc("The length field's value: the bytes after it (it starts at $L), less the\n"
                            + "adjustment ($L).\n", length.offset(), length.adjustment())
                    .addStatement("final long value = (long) measured - $L", length.offset() + length.adjustment())
                    .addStatement("$T.checkVarint(value, $L, $S)", RuntimeTypes.WIRE, length.varint().isMqtt(),
                            "the length field")
                    .addStatement("return value");
            size.addStatement("return $T.toSize((long) measured + $T.varintSize(lengthValue(measured), $L), $S)",
                    RuntimeTypes.WIRE, RuntimeTypes.WIRE, length.varint().isMqtt(), "the frame");
        } else {
            value.addJavadoc("The length field's value: the bytes after it (it ends at $L), less the\n"
                            + "adjustment ($L).\n", length.end(), length.adjustment())
                    .addStatement("final long value = (long) measured - $L", (long) length.end() + length.adjustment())
                    .addStatement("$T.checkFits(value, $L, true, $S)", RuntimeTypes.WIRE, length.width(),
                            "the length field")
                    .addStatement("return value");
            size.addStatement("return measured");
        }
        type.addMethod(value.build());
        type.addMethod(size.build());
    }

    private static MethodSpec enumToCode(ProtocolModel protocol, EnumModel enumType) {
        CodeBlock.Builder code = CodeBlock.builder().add("return switch (value) {\n").indent();
        for (EnumModel.Constant constant : enumType.constants()) {
            code.add("case $N -> $L;\n", constant.name(), (int) constant.code());
        }
        code.unindent().add("};\n");
        return MethodSpec.methodBuilder(ScalarCode.enumToCode(protocol, enumType))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(int.class)
                .addParameter(enumType.type(), "value")
                .addCode(code.build())
                .build();
    }

    /** What both passes share: walking a record's components with their accessor expressions. */
    private abstract static class Pass {
        final ProtocolModel protocol;
        /** The frame whose own record is written, or {@code null} for a list element. */
        final FrameModel frame;
        final Helpers helpers;
        final NameAllocator names = new NameAllocator();
        final CodeBlock.Builder code = CodeBlock.builder();
        final String value;
        /** How messages name the record: the frame, or the list element's type. */
        String label;
        private String each;

        Pass(ProtocolModel protocol, FrameModel frame, Helpers helpers, String value) {
            this.protocol = protocol;
            this.frame = frame;
            this.helpers = helpers;
            this.value = names.newName(value);
            this.label = frame != null ? frame.name() : null;
        }

        /** Visits {@code record}'s components; returns what they are called, for paths into it. */
        Scope walk(RecordModel record, String base, String prefix) {
            Scope scope = new Scope();
            for (ComponentModel component : record.components()) {
                scope.put(component.name(), base + "." + component.name() + "()", component);
            }
            for (ComponentModel component : record.components()) {
                String path = prefix + component.name();
                if (frame != null && component.isOnWire()) {
                    header(frame.headerBefore(path));
                }
                CodeBlock accessor = CodeBlock.of("$N.$N()", base, component.name());
                if (component.condition() != null) {
                    conditional(component, accessor, path, scope);
                } else if (component.encoding() instanceof Encoding.Nested nested) {
                    String local = names.newName(camel(path));
                    bindNested(nested.record(), local, accessor, path);
                    scope.putNested(component.name(), walk(nested.record(), local, path + "."));
                } else {
                    component(component, accessor, path, scope);
                }
            }
            return scope;
        }

        abstract void bindNested(RecordModel record, String local, CodeBlock accessor, String path);

        abstract void conditional(ComponentModel component, CodeBlock accessor, String path, Scope scope);

        abstract void component(ComponentModel component, CodeBlock accessor, String path, Scope scope);

        abstract void header(List<HeaderField> fields);

        String what(String path) {
            return label + "." + path;
        }

        CodeBlock byteLength(Encoding.Blob blob, CodeBlock v) {
            return switch (blob.kind()) {
                case BYTES -> CodeBlock.of("$L.length", v);
                case UTF8 -> CodeBlock.of("$T.utf8Length($L)", RuntimeTypes.WIRE, v);
                case ASCII -> CodeBlock.of("$L.length()", v);
            };
        }

        /** The loop variable of this method's loops, which never nest within one method. */
        String each() {
            if (each == null) {
                each = names.newName("each");
            }
            return each;
        }

        String element(Encoding element) {
            if (element instanceof Encoding.Nested nested) {
                helpers.elements.putIfAbsent(nested.record().type(), nested.record());
                return protocol.helperName(nested.record().type());
            }
            Encoding.Scalar scalar = (Encoding.Scalar) element;
            if (scalar.kind() == Encoding.ScalarKind.ENUM) {
                helpers.enums.putIfAbsent(scalar.enumType().type(), scalar.enumType());
            }
            return null;
        }
    }

    /** {@code measureX}: validates a frame and adds up its size. */
    private static final class Measure extends Pass {
        private final String size;
        /** Bytes known at generation time, added in one literal at the end. */
        private long fixed;
        /** Whether any size depends on the frame's values, so that {@link #size} is needed. */
        private boolean variable;

        Measure(ProtocolModel protocol, FrameModel frame, Helpers helpers) {
            super(protocol, frame, helpers, frame != null ? "frame" : "element");
            this.size = names.newName("size");
        }

        MethodSpec frameMethod() {
            checkTag();
            walk(frame.record(), value, "");
            header(frame.headerAfter());
            return finish("measure" + frame.name(), frame.record());
        }

        MethodSpec elementMethod(RecordModel record) {
            label = record.type().simpleName();
            walk(record, value, "");
            return finish("measure" + protocol.helperName(record.type()), record);
        }

        private MethodSpec finish(String name, RecordModel record) {
            CodeBlock.Builder body = CodeBlock.builder();
            if (variable) {
                body.addStatement("long $N = 0", size)
                        .add(code.build())
                        .addStatement("return $T.toSize($N + $L, $S)", RuntimeTypes.WIRE, size, fixed, label);
            } else {
                body.add(code.build()).addStatement("return $L", fixed);
            }
            return MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE)
                    .addJavadoc("Checks that {@code $N} can be written, and returns its size$L.\n", value,
                            frame != null && protocol.header().length().isVarint()
                                    ? " without the length field" : "")
                    .returns(int.class)
                    .addParameter(record.type(), value)
                    .addCode(body.build())
                    .build();
        }

        /** Adds {@code amount} to the running size. */
        private void add(CodeBlock amount) {
            variable = true;
            code.addStatement("$N += $L", size, amount);
        }

        private void checkTag() {
            frame.tagComponent().ifPresent(tag -> {
                CodeBlock accessor = CodeBlock.of("$N.$N()", value, tag.name());
                String test = frame.tags().stream()
                        .map(t -> accessor + " != " + t + (t > Integer.MAX_VALUE ? "L" : ""))
                        .collect(Collectors.joining(" && "));
                code.beginControlFlow("if ($L)", test)
                        .addStatement("throw new $T($S + $L)", IllegalArgumentException.class,
                                what(tag.name()) + " must be one of " + frame.tags() + ", not ", accessor)
                        .endControlFlow();
            });
            frame.tagFlagsComponent().ifPresent(flags -> {
                CodeBlock accessor = CodeBlock.of("$N.$N()", value, flags.name());
                int shift = protocol.header().tag().shift();
                code.beginControlFlow("if ($L < 0 || $L >= $L)", accessor, accessor, 1L << shift)
                        .addStatement("throw new $T($S + $L)", IllegalArgumentException.class,
                                what(flags.name()) + " must fit in " + shift + " bits, not ", accessor)
                        .endControlFlow();
            });
        }

        @Override
        void header(List<HeaderField> fields) {
            for (HeaderField field : fields) {
                fixed += field.width(); // a varint length field is added by sizeFor
            }
        }

        @Override
        void bindNested(RecordModel record, String local, CodeBlock accessor, String path) {
            code.addStatement("final $T $N = $T.requireNonNull($L, $S)", record.type(), local,
                    Objects.class, accessor, what(path));
        }

        @Override
        void conditional(ComponentModel component, CodeBlock accessor, String path, Scope scope) {
            String local = names.newName(camel(path));
            code.addStatement("final $T $N = $L", component.type(), local, accessor);
            Condition condition = component.condition();
            code.beginControlFlow("if ($L)", scope.test(condition))
                    .beginControlFlow("if ($N == null)", local)
                    .addStatement("throw new $T($S)", IllegalArgumentException.class,
                            what(path) + " is required when " + condition.describe())
                    .endControlFlow();
            long before = fixed;
            measure(component.encoding(), CodeBlock.of("$N", local), path, scope);
            if (fixed != before) {
                add(CodeBlock.of("$L", fixed - before));
                fixed = before;
            }
            code.nextControlFlow("else if ($N != null)", local)
                    .addStatement("throw new $T($S)", IllegalArgumentException.class,
                            what(path) + " must be null when " + condition.describeFalse())
                    .endControlFlow();
        }

        @Override
        void component(ComponentModel component, CodeBlock accessor, String path, Scope scope) {
            if (!component.isOnWire()) {
                return;
            }
            if (!component.type().isPrimitive()) {
                CodeBlock checked = CodeBlock.of("$T.requireNonNull($L, $S)", Objects.class, accessor, what(path));
                if (component.encoding() instanceof Encoding.Scalar scalar
                        && ScalarCode.checkFits(scalar, accessor, what(path)) == null) {
                    code.addStatement(checked); // no other check reads it, but writing it would
                } else if (component.encoding() instanceof Encoding.Scalar) {
                    accessor = checked;
                } else {
                    String local = names.newName(camel(path));
                    code.addStatement("final $T $N = $L", component.type(), local, checked);
                    accessor = CodeBlock.of("$N", local);
                }
            }
            measure(component.encoding(), accessor, path, scope);
        }

        private void measure(Encoding encoding, CodeBlock v, String path, Scope scope) {
            String what = what(path);
            if (encoding instanceof Encoding.Scalar scalar) {
                if (scalar.kind() == Encoding.ScalarKind.ENUM) {
                    helpers.enums.putIfAbsent(scalar.enumType().type(), scalar.enumType());
                }
                CodeBlock unboxed = ScalarCode.unboxed(scalar.javaType(), v);
                CodeBlock check = ScalarCode.checkFits(scalar, unboxed, what);
                if (check != null) {
                    code.addStatement(check);
                }
                if (scalar.isVarint()) {
                    add(CodeBlock.of("$T.varintSize($L, $L)", RuntimeTypes.WIRE, unboxed, scalar.varint().isMqtt()));
                } else {
                    fixed += scalar.width();
                }
            } else if (encoding instanceof Encoding.Nested nested) {
                walk(nested.record(), v.toString(), path + "."); // v is the conditional's local
            } else if (encoding instanceof Encoding.Blob blob) {
                blob(blob, v, camel(path), what, scope);
            } else {
                sequence((Encoding.Sequence) encoding, v, camel(path), what, scope);
            }
        }

        private void blob(Encoding.Blob blob, CodeBlock v, String name, String what, Scope scope) {
            if (blob.kind() == Encoding.BlobKind.ASCII) {
                code.addStatement("$T.checkAscii($L, $S)", RuntimeTypes.WIRE, v, what);
            }
            Size size = blob.size();
            if (size instanceof Size.Fixed fixedSize) {
                fixed += fixedSize.bytes();
                String check = blob.kind() == Encoding.BlobKind.BYTES ? "checkExactLength" : "checkAtMost";
                code.addStatement("$T.$N($L, $L, $S)", RuntimeTypes.WIRE, check, byteLength(blob, v),
                        fixedSize.bytes(), what);
                return;
            }
            String length = names.newName(name + "Size");
            code.addStatement("final int $N = $L", length, byteLength(blob, v));
            if (size instanceof Size.Terminated terminated) {
                code.addStatement("$T.checkNoTerminator($L, (byte) $L, $S)", RuntimeTypes.WIRE, v,
                        terminated.terminator(), what);
                fixed += 1;
            }
            sized(size, length, what, scope);
        }

        private void sequence(Encoding.Sequence sequence, CodeBlock v, String name, String what, Scope scope) {
            String elementName = element(sequence.element());
            String length = names.newName(name + "Size");
            String e = each();
            if (elementName == null) {
                // Every element has the same width; a null one would fail only halfway through writing.
                code.addStatement("$T.checkNoNulls($L, $S)", RuntimeTypes.WIRE, v, what)
                        .addStatement("final long $N = (long) $L * $L.size()", length,
                                Sizes.minimum(sequence.element()), v);
            } else {
                // Measuring each element also checks it.
                code.addStatement("long $N = 0", length)
                        .beginControlFlow("for (final $T $N : $L)", sequence.elementType(), e, v)
                        .addStatement("$N += $N($T.requireNonNull($N, $S))", length, "measure" + elementName,
                                Objects.class, e, what)
                        .endControlFlow();
            }
            Size size = sequence.size();
            if (size instanceof Size.CountPrefix prefix) {
                CodeBlock count = CodeBlock.of("$L.size()", v);
                prefix(prefix.width(), prefix.varint(), prefix.max(), count, what);
                add(CodeBlock.of("$N", length));
            } else if (size instanceof Size.CountFrom from) {
                code.addStatement("$T.checkAgrees($L.size(), $L, $S, $S)", RuntimeTypes.WIRE, v,
                        scope.resolveLong(from.field()), what + " size", from.field());
                add(CodeBlock.of("$N", length));
            } else {
                sized(size, length, what, scope);
            }
        }

        /** Adds a byte length and whatever says it (a prefix), checking what says it agrees. */
        private void sized(Size size, String length, String what, Scope scope) {
            if (size instanceof Size.LengthPrefix prefix) {
                prefix(prefix.width(), prefix.varint(), prefix.max(), CodeBlock.of("$N", length), what);
            } else if (size instanceof Size.LengthFrom from) {
                CodeBlock.Builder formula = CodeBlock.builder().add("$L", scope.resolveLong(from.field()));
                for (String minus : from.minus()) {
                    formula.add(" - $L", scope.resolveLong(minus));
                }
                if (from.plus() != 0) {
                    formula.add(from.plus() > 0 ? " + $L" : " - $L", Math.abs(from.plus()));
                }
                code.addStatement("$T.checkAgrees($N, $L, $S, $S)", RuntimeTypes.WIRE, length,
                        formula.build(), what + " length", from.field());
            }
            add(CodeBlock.of("$N", length));
        }

        private void prefix(int width, VarintKind varint, int max, CodeBlock value, String what) {
            if (max > 0) {
                code.addStatement("$T.checkAtMost($L, $L, $S)", RuntimeTypes.WIRE, value, max, what);
            }
            if (width == 0) {
                add(CodeBlock.of("$T.varintSize($L, $L)", RuntimeTypes.WIRE, value, varint.isMqtt()));
            } else {
                code.addStatement("$T.checkFits($L, $L, true, $S)", RuntimeTypes.WIRE, value, width, what);
                fixed += width;
            }
        }
    }

    /** {@code putX}: writes a frame already measured, so it cannot fail. */
    private static final class Put extends Pass {
        private final String out;
        private final String length;

        Put(ProtocolModel protocol, FrameModel frame, Helpers helpers) {
            super(protocol, frame, helpers, frame != null ? "frame" : "element");
            this.out = names.newName("out");
            this.length = frame != null ? names.newName("length") : null;
        }

        MethodSpec frameMethod() {
            walk(frame.record(), value, "");
            header(frame.headerAfter());
            return MethodSpec.methodBuilder("put" + frame.name())
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(frame.record().type(), value)
                    .addParameter(RuntimeTypes.BYTE_BUFFER, out)
                    .addParameter(long.class, length)
                    .addCode(code.build())
                    .build();
        }

        MethodSpec elementMethod(RecordModel record) {
            walk(record, value, "");
            return MethodSpec.methodBuilder("put" + protocol.helperName(record.type()))
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(record.type(), value)
                    .addParameter(RuntimeTypes.BYTE_BUFFER, out)
                    .addCode(code.build())
                    .build();
        }

        @Override
        void header(List<HeaderField> fields) {
            for (HeaderField field : fields) {
                switch (field.role()) {
                    case LENGTH -> {
                        if (field.isVarint()) {
                            code.addStatement("$T.putVarint($N, $N, $L)", RuntimeTypes.WIRE, out, length,
                                    field.varint().isMqtt());
                        } else {
                            code.addStatement(ScalarCode.put(unsigned(field), out, CodeBlock.of("$N", length), protocol));
                        }
                    }
                    case TAG -> code.addStatement(tag(field));
                    default -> code.addStatement(ScalarCode.putConstant(field.width(), field.bigEndian(), out,
                            field.value()));
                }
            }
        }

        /** Writes the tag field: the tag, shifted above the flags when it has some. */
        private CodeBlock tag(HeaderField field) {
            if (frame.tagComponent().isEmpty() && frame.tagFlagsComponent().isEmpty()) {
                long constant = frame.tags().get(0) << field.shift() | frame.tagFlags();
                return ScalarCode.putConstant(field.width(), field.bigEndian(), out, constant);
            }
            if (field.shift() == 0) {
                // The @Tag component alone, written from its own type: no cast it does not need.
                ComponentModel tag = frame.tagComponent().orElseThrow();
                TypeName type = tag.type().isBoxedPrimitive() ? tag.type().unbox() : tag.type();
                Encoding.Scalar scalar = new Encoding.Scalar(Encoding.ScalarKind.INTEGER, type, field.width(),
                        true, field.bigEndian(), VarintKind.NONE, null);
                return ScalarCode.put(scalar, out, ScalarCode.unboxed(tag.type(), accessor(tag)), protocol);
            }
            // Shifted in long arithmetic, so that no tag or shift overflows an int.
            CodeBlock tag = frame.tagComponent()
                    .map(c -> c.type().equals(TypeName.LONG) || c.type().equals(TypeName.LONG.box())
                            ? ScalarCode.unboxed(c.type(), accessor(c))
                            : CodeBlock.of("(long) $L", ScalarCode.unboxed(c.type(), accessor(c))))
                    .orElse(CodeBlock.of("$LL", frame.tags().get(0)));
            CodeBlock flags = frame.tagFlagsComponent()
                    .map(c -> ScalarCode.unboxed(c.type(), accessor(c)))
                    .orElse(CodeBlock.of("$L", frame.tagFlags()));
            return ScalarCode.put(unsigned(field), out, CodeBlock.of("($L << $L | $L)", tag, field.shift(), flags),
                    protocol);
        }

        private CodeBlock accessor(ComponentModel component) {
            return CodeBlock.of("$N.$N()", value, component.name());
        }

        private static Encoding.Scalar unsigned(HeaderField field) {
            return ScalarCode.unsignedLong(field.width(), field.bigEndian());
        }

        @Override
        void bindNested(RecordModel record, String local, CodeBlock accessor, String path) {
            code.addStatement("final $T $N = $L", record.type(), local, accessor);
        }

        @Override
        void conditional(ComponentModel component, CodeBlock accessor, String path, Scope scope) {
            String local = names.newName(camel(path));
            code.addStatement("final $T $N = $L", component.type(), local, accessor);
            code.beginControlFlow("if ($N != null)", local);
            put(component.encoding(), CodeBlock.of("$N", local), path);
            code.endControlFlow();
        }

        @Override
        void component(ComponentModel component, CodeBlock accessor, String path, Scope scope) {
            if (component.isOnWire()) {
                put(component.encoding(), accessor, path);
            }
        }

        private void put(Encoding encoding, CodeBlock v, String path) {
            if (encoding instanceof Encoding.Scalar scalar) {
                code.addStatement(ScalarCode.put(scalar, out, ScalarCode.unboxed(scalar.javaType(), v), protocol));
            } else if (encoding instanceof Encoding.Nested nested) {
                walk(nested.record(), v.toString(), path + "."); // v is the conditional's local
            } else if (encoding instanceof Encoding.Blob blob) {
                blob(blob, v);
            } else {
                sequence((Encoding.Sequence) encoding, v);
            }
        }

        private void blob(Encoding.Blob blob, CodeBlock v) {
            Size size = blob.size();
            if (size instanceof Size.Fixed fixed && blob.kind() != Encoding.BlobKind.BYTES) {
                code.addStatement("$T.putPadded($N, $L, $L, $L)", RuntimeTypes.WIRE, out, v, fixed.bytes(),
                        blob.kind() == Encoding.BlobKind.ASCII);
                return;
            }
            if (size instanceof Size.LengthPrefix prefix) {
                putPrefix(prefix.width(), prefix.varint(), prefix.bigEndian(), byteLength(blob, v));
            }
            switch (blob.kind()) {
                case BYTES -> code.addStatement("$N.put($L)", out, v);
                case UTF8 -> code.addStatement("$T.putUtf8($N, $L)", RuntimeTypes.WIRE, out, v);
                case ASCII -> code.addStatement("$T.putAscii($N, $L)", RuntimeTypes.WIRE, out, v);
            }
            if (size instanceof Size.Terminated terminated) {
                code.addStatement("$N.put((byte) $L)", out, terminated.terminator());
            }
        }

        private void sequence(Encoding.Sequence sequence, CodeBlock v) {
            String elementName = element(sequence.element());
            Size size = sequence.size();
            if (size instanceof Size.CountPrefix prefix) {
                putPrefix(prefix.width(), prefix.varint(), prefix.bigEndian(), CodeBlock.of("$L.size()", v));
            } else if (size instanceof Size.LengthPrefix prefix) {
                OptionalInt each = elementName == null ? OptionalInt.of(Sizes.minimum(sequence.element()))
                        : Sizes.fixed(((Encoding.Nested) sequence.element()).record());
                String bytes = names.newName("length");
                if (each.isPresent()) {
                    code.addStatement("final int $N = $L * $L.size()", bytes, each.getAsInt(), v);
                } else {
                    String e = each();
                    code.addStatement("int $N = 0", bytes)
                            .beginControlFlow("for (final $T $N : $L)", sequence.elementType(), e, v)
                            .addStatement("$N += $N($N)", bytes, "measure" + elementName, e)
                            .endControlFlow();
                }
                putPrefix(prefix.width(), prefix.varint(), prefix.bigEndian(), CodeBlock.of("$N", bytes));
            }
            String e = each();
            code.beginControlFlow("for (final $T $N : $L)", sequence.elementType(), e, v);
            if (elementName != null) {
                code.addStatement("$N($N, $N)", "put" + elementName, e, out);
            } else {
                Encoding.Scalar scalar = (Encoding.Scalar) sequence.element();
                code.addStatement(ScalarCode.put(scalar, out, ScalarCode.unboxed(scalar.javaType(),
                        CodeBlock.of("$N", e)), protocol));
            }
            code.endControlFlow();
        }

        private void putPrefix(int width, VarintKind varint, boolean bigEndian, CodeBlock value) {
            if (width == 0) {
                code.addStatement("$T.putVarint($N, $L, $L)", RuntimeTypes.WIRE, out, value, varint.isMqtt());
            } else {
                code.addStatement(ScalarCode.put(ScalarCode.unsignedInt(width, bigEndian), out, value, protocol));
            }
        }
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
