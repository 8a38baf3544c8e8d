package dev.twine.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the helper methods generated code needs for list-element records ({@code readPoint},
 * {@code measurePoint}) and enums ({@code toQoS}, {@code codeOfQoS}): a type's simple name with its
 * enclosing types', made unique — two types of one name from two packages, or a record that is
 * also a frame (whose methods already have that name), get a suffix.
 */
final class HelperNames {

    private final Set<String> frameNames = new HashSet<>();
    private final Set<String> used = new HashSet<>();
    private final Map<ClassName, String> names = new LinkedHashMap<>();

    private HelperNames() {}

    static Map<ClassName, String> assign(List<FrameModel> frames) {
        HelperNames helpers = new HelperNames();
        frames.forEach(frame -> helpers.frameNames.add(frame.name()));
        frames.forEach(frame -> helpers.visit(frame.record()));
        return Map.copyOf(helpers.names);
    }

    private void visit(RecordModel record) {
        for (ComponentModel component : record.components()) {
            visit(component.encoding());
        }
    }

    private void visit(Encoding encoding) {
        if (encoding instanceof Encoding.Nested nested) {
            visit(nested.record());
        } else if (encoding instanceof Encoding.Sequence sequence) {
            if (sequence.element() instanceof Encoding.Nested element
                    && name(element.record().type())) {
                visit(element.record());
            } else {
                visit(sequence.element());
            }
        } else if (encoding instanceof Encoding.Scalar scalar && scalar.enumType() != null) {
            name(scalar.enumType().type());
        }
    }

    /** Names {@code type} unless it has a name already; true if it did not. */
    private boolean name(ClassName type) {
        if (names.containsKey(type)) {
            return false;
        }
        String base = String.join("", type.simpleNames());
        String name = frameNames.contains(base) ? base + "Element" : base;
        for (int n = 2; !used.add(name); n++) {
            name = base + n;
        }
        names.put(type, name);
        return true;
    }
}
