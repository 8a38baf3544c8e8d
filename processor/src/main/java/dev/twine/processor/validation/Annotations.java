package dev.twine.processor.validation;

import java.lang.annotation.Annotation;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Finding annotation mirrors and their written-out values, for precise diagnostics. */
final class Annotations {

    private Annotations() {}

    /** The mirror of {@code type} on {@code element}, or {@code null}. */
    static AnnotationMirror mirror(Element element, Class<? extends Annotation> type) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotation.getQualifiedName().contentEquals(type.getCanonicalName())) {
                return mirror;
            }
        }
        return null;
    }

    /** The value written for {@code attribute} (not a default), or {@code null}. */
    static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The annotation mirror written as the value of {@code attribute}, or {@code null}. */
    static AnnotationMirror nested(AnnotationMirror mirror, String attribute) {
        AnnotationValue value = mirror == null ? null : explicitValue(mirror, attribute);
        return value != null && value.getValue() instanceof AnnotationMirror nested ? nested : null;
    }
}
