package dev.twine.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.twine.processor.model.ProtocolModel;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * What every generated file has in common: one top-level type in the protocol's package, marked
 * {@code @Generated} without a timestamp (so builds are reproducible), derived from the protocol
 * interface and its frame records (its originating elements, for incremental builds), formatted
 * with four-space indents.
 */
public abstract class SourceFileWriter {

    /** The processor's name, as {@code @Generated} gives it. */
    static final String GENERATOR = "dev.twine.processor.TwineProcessor";

    /** The type this writer generates for {@code protocol}, without the common parts. */
    protected abstract TypeSpec.Builder type(ProtocolModel protocol);

    /** The complete source file. */
    public final JavaFile file(ProtocolModel protocol) {
        TypeSpec.Builder type = type(protocol)
                .addAnnotation(AnnotationSpec.builder(RuntimeTypes.GENERATED)
                        .addMember("value", "$S", GENERATOR)
                        .build());
        for (Element origin : protocol.originatingElements()) {
            type.addOriginatingElement(origin);
        }
        return JavaFile.builder(protocol.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /** Writes the file through {@code filer}. */
    public final void write(ProtocolModel protocol, Filer filer) throws IOException {
        file(protocol).writeTo(filer);
    }
}
