package dev.twine.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.twine.annotations.Frame;
import dev.twine.annotations.Protocol;
import dev.twine.processor.model.ProtocolModel;
import dev.twine.processor.validation.Message;
import dev.twine.processor.validation.MissingTypes;
import dev.twine.processor.validation.ProtocolReader;
import dev.twine.processor.validation.Report;
import dev.twine.processor.writing.ConnectionsWriter;
import dev.twine.processor.writing.EncoderWriter;
import dev.twine.processor.writing.FramerWriter;
import dev.twine.processor.writing.HandlerWriter;
import dev.twine.processor.writing.SourceFileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * The entry point javac calls: for each {@code @Protocol} interface, read it into a model
 * (reporting every problem), and if it has none, write its framer, encoder, handler and
 * connection glue. A protocol with problems generates nothing; the others still do, and nothing
 * thrown escapes {@link #process}.
 */
@AutoService(Processor.class)
public final class TwineProcessor extends AbstractProcessor {

    private static final List<SourceFileWriter> WRITERS = List.of(new FramerWriter(), new EncoderWriter(),
            new HandlerWriter(), new ConnectionsWriter());

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Protocol.class.getCanonicalName(), Frame.class.getCanonicalName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /** Names of the types generated so far, so that two protocols cannot generate the same one. */
    private final Set<String> generated = new HashSet<>();
    /** Protocols that mention types not resolved yet, to read in a later round. */
    private final Set<String> deferred = new LinkedHashSet<>();

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Report report = new Report(processingEnv.getMessager());
        Set<TypeElement> protocols = new LinkedHashSet<>();
        for (String name : deferred) {
            TypeElement protocol = processingEnv.getElementUtils().getTypeElement(name);
            if (protocol != null) {
                protocols.add(protocol);
            }
        }
        deferred.clear();
        for (Element element : round.getElementsAnnotatedWith(Protocol.class)) {
            protocols.add((TypeElement) element);
        }
        for (TypeElement protocol : protocols) {
            if (MissingTypes.in(protocol)) {
                // javac reports the missing type itself if no round ever provides it.
                deferred.add(protocol.getQualifiedName().toString());
                continue;
            }
            guarded(protocol, () -> generate(protocol, report));
        }
        for (Element element : round.getElementsAnnotatedWith(Frame.class)) {
            guarded(element, () -> checkBelongs((TypeElement) element, report));
        }
        return false;
    }

    private void generate(TypeElement protocol, Report report) throws IOException {
        Optional<ProtocolModel> model = new ProtocolReader(report, processingEnv.getElementUtils(), generated)
                .read(protocol);
        if (model.isEmpty()) {
            return;
        }
        for (ClassName type : model.get().generatedTypes()) {
            generated.add(type.canonicalName());
        }
        for (SourceFileWriter writer : WRITERS) {
            writer.write(model.get(), processingEnv.getFiler());
        }
    }

    /** A {@code @Frame} record outside every protocol would silently generate nothing: say so. */
    private static void checkBelongs(TypeElement frame, Report report) {
        for (TypeMirror type : frame.getInterfaces()) {
            Element parent = ((javax.lang.model.type.DeclaredType) type).asElement();
            if (parent.getAnnotation(Protocol.class) != null) {
                return; // the protocol itself checks that it permits this record
            }
        }
        report.error(frame, Message.FRAME_NOT_IN_PROTOCOL, frame.getSimpleName());
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs {@code step}, turning anything it throws into an error on {@code element}. */
    private void guarded(Element element, Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.INTERNAL.format(element.getSimpleName(), trace), element);
        }
    }
}
