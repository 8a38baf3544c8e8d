package dev.twine.processor.validation;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.tools.Diagnostic;

/**
 * Collects the problems found in one protocol and passes each to javac, on the element and, when
 * an annotation attribute is at fault, on that attribute, so the IDE underlines the right thing.
 */
public final class Report {

    private final Messager messager;
    private int errors;

    public Report(Messager messager) {
        this.messager = messager;
    }

    /** A problem with {@code element} as a whole. */
    public void error(Element element, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), positioned(element));
    }

    /**
     * The element javac can place in the source. It gives no position for a record component
     * (JDK 17), but does for the private field declared by the same source text, so a problem with a
     * component is reported there: same file, same line.
     */
    private static Element positioned(Element element) {
        if (element.getKind() != ElementKind.RECORD_COMPONENT) {
            return element;
        }
        for (Element member : element.getEnclosingElement().getEnclosedElements()) {
            if (member.getKind() == ElementKind.FIELD && member.getSimpleName().equals(element.getSimpleName())) {
                return member;
            }
        }
        return element;
    }

    /**
     * A problem with one attribute of an annotation on {@code element}. When the attribute is not
     * written out (a default), the annotation is the closest thing to point at; when the
     * annotation is missing too, the element is.
     */
    public void error(Element element, AnnotationMirror annotation, String attribute, Message message,
            Object... args) {
        errors++;
        if (annotation == null || element.getKind() == ElementKind.RECORD_COMPONENT) {
            // A component's annotations are not on its field, so the field's line is as close as it gets.
            messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), positioned(element));
            return;
        }
        AnnotationValue value = Annotations.explicitValue(annotation, attribute);
        if (value == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation,
                    value);
        }
    }

    /** Problems reported so far; a protocol generates nothing unless this stays the same. */
    public int errors() {
        return errors;
    }
}
