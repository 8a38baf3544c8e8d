package dev.twine.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A record whose components are laid out in order: a frame, a nested record or a list element.
 *
 * @param element    the record
 * @param type       its name
 * @param components its components, in declaration (and wire) order
 */
public record RecordModel(TypeElement element, ClassName type, List<ComponentModel> components) {

    public RecordModel {
        components = List.copyOf(components);
    }

    public Optional<ComponentModel> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The record's simple name, nesting included ({@code Outer.Inner} reads as {@code OuterInner}). */
    public String flatName() {
        return String.join("", type.simpleNames());
    }
}
