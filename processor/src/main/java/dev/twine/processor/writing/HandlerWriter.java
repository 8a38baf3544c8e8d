package dev.twine.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.twine.processor.model.FrameModel;
import dev.twine.processor.model.ProtocolModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PHandler<S>}: a {@code FrameHandler} with one method per frame type, and the
 * dispatch table — a {@code switch} on the kind the framer found from the tag — as its default.
 */
public final class HandlerWriter extends SourceFileWriter {

    @Override
    protected TypeSpec.Builder type(ProtocolModel protocol) {
        TypeVariableName s = TypeVariableName.get("S");
        TypeName connection = ParameterizedTypeName.get(RuntimeTypes.CONNECTION, s);
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(protocol.handlerType())
                .addModifiers(Modifier.PUBLIC)
                .addTypeVariable(s)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.FRAME_HANDLER, protocol.type(), s))
                .addJavadoc(CodeBlock.builder()
                        .add("Handles {@link $T} frames: one method per frame type, each called on the reactor\n",
                                protocol.type())
                        .add("thread with the frame and the connection it came from. Serve an implementation with\n")
                        .add("{@link $T}.\n\n", protocol.connectionsType())
                        .add("<p>Frames from {@link $T} arrive with their kind, and\n", protocol.framerType())
                        .add("{@link #onFrameOfKind} switches on it: no type tests, no reflection. The other\n")
                        .add("{@link dev.twine.server.FrameHandler} methods (connect, close, framing errors,\n")
                        .add("backpressure) keep their defaults unless overridden.\n\n")
                        .add("@param <S> the per-connection state type\n")
                        .build());
        for (FrameModel frame : protocol.frames()) {
            type.addMethod(MethodSpec.methodBuilder(onMethod(frame))
                    .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .addJavadoc("A {@link $T} frame arrived on {@code connection}:\n\n<pre>\n$L\n</pre>\n",
                            frame.record().type(), LayoutDiagram.of(protocol.header(), frame))
                    .addParameter(connection, "connection")
                    .addParameter(frame.record().type(), "frame")
                    .build());
        }
        type.addMethod(onFrameOfKind(protocol, connection));
        type.addMethod(onFrame(protocol, connection));
        return type;
    }

    static String onMethod(FrameModel frame) {
        return "on" + frame.name();
    }

    private static MethodSpec onFrameOfKind(ProtocolModel protocol, TypeName connection) {
        CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("switch (kind)");
        for (FrameModel frame : protocol.frames()) {
            code.add("case $T.$N -> $N(connection, ($T) frame);\n", protocol.framerType(),
                    FramerWriter.kindConstant(frame), onMethod(frame), frame.record().type());
        }
        code.add("default -> throw new $T($S + kind);\n", IllegalArgumentException.class,
                "no " + protocol.baseName() + " frame has kind ");
        code.endControlFlow();
        return MethodSpec.methodBuilder("onFrameOfKind")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                .addJavadoc("The dispatch table: calls the method for {@code kind}.\n")
                .addParameter(connection, "connection")
                .addParameter(int.class, "kind")
                .addParameter(protocol.type(), "frame")
                .addCode(code.build())
                .build();
    }

    private static MethodSpec onFrame(ProtocolModel protocol, TypeName connection) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("onFrame")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                .addJavadoc("A frame that came without its kind (from another framer, or a test): calls the\n"
                        + "method for its type. Frames from {@link $T} take {@link #onFrameOfKind} instead.\n",
                        protocol.framerType())
                .addParameter(connection, "connection")
                .addParameter(protocol.type(), "frame");
        boolean first = true;
        for (FrameModel frame : protocol.frames()) {
            String local = "frame" + frame.name();
            String test = "frame instanceof $T $N";
            if (first) {
                method.beginControlFlow("if (" + test + ")", frame.record().type(), local);
                first = false;
            } else {
                method.nextControlFlow("else if (" + test + ")", frame.record().type(), local);
            }
            method.addStatement("$N(connection, $N)", onMethod(frame), local);
        }
        method.nextControlFlow("else")
                .addStatement("throw new $T($S + frame)", IllegalArgumentException.class,
                        "not a " + protocol.baseName() + " frame: ")
                .endControlFlow();
        return method.build();
    }
}
