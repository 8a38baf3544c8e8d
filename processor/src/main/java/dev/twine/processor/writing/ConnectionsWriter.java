package dev.twine.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.twine.processor.model.ProtocolModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PConnections}: the glue from a generated handler to the runtime's connection
 * table, so that serving the protocol is one line.
 */
public final class ConnectionsWriter extends SourceFileWriter {

    @Override
    protected TypeSpec.Builder type(ProtocolModel protocol) {
        TypeVariableName s = TypeVariableName.get("S");
        TypeName table = ParameterizedTypeName.get(RuntimeTypes.CONNECTIONS, s);
        TypeName states = ParameterizedTypeName.get(ClassName.get(Supplier.class), WildcardTypeName.subtypeOf(s));
        TypeName handler = ParameterizedTypeName.get(protocol.handlerType(), s);
        TypeName onFailed = ParameterizedTypeName.get(ClassName.get(Consumer.class),
                WildcardTypeName.supertypeOf(IOException.class));
        return TypeSpec.classBuilder(protocol.connectionsType())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(CodeBlock.builder()
                        .add("Serves {@link $T} through a {@link $T} table: every connection gets its own\n",
                                protocol.type(), RuntimeTypes.CONNECTIONS)
                        .add("{@link $T} and state, and its frames reach one {@link $T}.\n\n",
                                protocol.framerType(), protocol.handlerType())
                        .add("<pre>{@code\n")
                        .add("Connections<Session> connections = new Connections<>();\n")
                        .add("$N.listen(reactor, new InetSocketAddress(7000), connections, Session::new, handler);\n",
                                protocol.connectionsType().simpleName())
                        .add("}</pre>\n\n")
                        .add("Replies go out through {@link $T}.\n", protocol.encoderType())
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(MethodSpec.methodBuilder("serve")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addTypeVariable(s)
                        .addJavadoc("The protocol factory to listen with: each connection joins {@code connections}\n"
                                + "with a fresh framer and a state from {@code states}.\n")
                        .returns(RuntimeTypes.PROTOCOL_FACTORY)
                        .addParameter(table, "connections")
                        .addParameter(states, "states")
                        .addParameter(handler, "handler")
                        .addStatement("return connections.serve($T::new, states, handler)", protocol.framerType())
                        .build())
                .addMethod(MethodSpec.methodBuilder("listen")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addTypeVariable(s)
                        .addJavadoc("Listens on {@code address} and serves every connection it accepts.\n\n"
                                + "@throws java.io.UncheckedIOException if the address cannot be bound\n")
                        .returns(RuntimeTypes.LISTENING_PORT)
                        .addParameter(RuntimeTypes.REACTOR, "reactor")
                        .addParameter(InetSocketAddress.class, "address")
                        .addParameter(table, "connections")
                        .addParameter(states, "states")
                        .addParameter(handler, "handler")
                        .addStatement("return reactor.listenTcp(address, serve(connections, states, handler))")
                        .build())
                .addMethod(MethodSpec.methodBuilder("connect")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addTypeVariable(s)
                        .addJavadoc("Connects to {@code address}; once connected, the connection joins\n"
                                + "{@code connections} with {@code state}, and its frames reach {@code handler}.\n"
                                + "A failure to connect goes to {@code onFailed} instead.\n")
                        .returns(RuntimeTypes.CONNECT_ATTEMPT)
                        .addParameter(RuntimeTypes.REACTOR, "reactor")
                        .addParameter(InetSocketAddress.class, "address")
                        .addParameter(table, "connections")
                        .addParameter(s, "state")
                        .addParameter(handler, "handler")
                        .addParameter(onFailed, "onFailed")
                        .addStatement("return reactor.connectTcp(address, serve(connections, () -> state, handler)"
                                + ".newProtocol(), onFailed)")
                        .build());
    }
}
