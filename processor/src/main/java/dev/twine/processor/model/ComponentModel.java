package dev.twine.processor.model;

import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Element;

/**
 * One record component and how it is laid out.
 *
 * @param name      the component's name (its accessor's name)
 * @param element   the component, for diagnostics
 * @param type      its Java type
 * @param encoding  its layout
 * @param condition when it is present, or {@code null} if always
 */
public record ComponentModel(String name, Element element, TypeName type, Encoding encoding,
        Condition condition) {

    /** Whether it occupies bytes of its own ({@code @Tag} and {@code @TagFlags} do not). */
    public boolean isOnWire() {
        return !(encoding instanceof Encoding.TagValue || encoding instanceof Encoding.TagFlagsValue);
    }
}
