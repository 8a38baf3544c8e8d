package dev.twine.processor.validation;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a protocol mentions a type javac cannot resolve yet — one another processor may still
 * generate. Such a protocol is read in a later round; reading it now would report its unresolved
 * types as unsupported.
 */
public final class MissingTypes {

    private MissingTypes() {}

    /** True if a permitted type, or a type any of their components uses, is not resolved. */
    public static boolean in(TypeElement protocol) {
        Set<TypeElement> seen = new HashSet<>();
        for (TypeMirror permitted : protocol.getPermittedSubclasses()) {
            if (missing(permitted, seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean missing(TypeMirror type, Set<TypeElement> seen) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return missing(((ArrayType) type).getComponentType(), seen);
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType declared = (DeclaredType) type;
        for (TypeMirror argument : declared.getTypeArguments()) {
            if (missing(argument, seen)) {
                return true;
            }
        }
        TypeElement element = (TypeElement) declared.asElement();
        if (element.getKind() != ElementKind.RECORD || !seen.add(element)) {
            return false;
        }
        for (RecordComponentElement component : element.getRecordComponents()) {
            if (missing(component.asType(), seen)) {
                return true;
            }
        }
        return false;
    }
}
