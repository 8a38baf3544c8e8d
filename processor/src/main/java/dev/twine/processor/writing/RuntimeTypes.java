package dev.twine.processor.writing;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to. Generated code depends on nothing else. */
final class RuntimeTypes {

    private RuntimeTypes() {}

    private static final String FRAMING = "dev.twine.framing";
    private static final String RUNTIME = "dev.twine.runtime";
    private static final String SERVER = "dev.twine.server";

    static final ClassName WIRE = ClassName.get(FRAMING, "Wire");
    static final ClassName HEADER_FRAMER = ClassName.get(FRAMING, "HeaderFramer");
    static final ClassName FRAME_HEADER = ClassName.get(FRAMING, "FrameHeader");
    static final ClassName FRAME_ENCODER = ClassName.get(FRAMING, "FrameEncoder");
    static final ClassName CORRUPT = ClassName.get(FRAMING, "CorruptFrameException");
    static final ClassName TOO_LONG = ClassName.get(FRAMING, "FrameTooLongException");
    static final ClassName TRANSPORT = ClassName.get(RUNTIME, "Transport");
    static final ClassName REACTOR = ClassName.get(RUNTIME, "Reactor");
    static final ClassName PROTOCOL_FACTORY = ClassName.get(RUNTIME, "ProtocolFactory");
    static final ClassName LISTENING_PORT = ClassName.get(RUNTIME, "ListeningPort");
    static final ClassName CONNECT_ATTEMPT = ClassName.get(RUNTIME, "ConnectAttempt");
    static final ClassName CONNECTION = ClassName.get(SERVER, "Connection");
    static final ClassName CONNECTIONS = ClassName.get(SERVER, "Connections");
    static final ClassName FRAME_HANDLER = ClassName.get(SERVER, "FrameHandler");
    static final ClassName BYTE_BUFFER = ClassName.get("java.nio", "ByteBuffer");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
}
