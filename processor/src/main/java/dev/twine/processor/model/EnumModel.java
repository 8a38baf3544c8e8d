package dev.twine.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * An enum used as a component, with the wire code of each constant.
 *
 * @param type      the enum
 * @param constants its constants, in declaration order
 */
public record EnumModel(ClassName type, List<Constant> constants) {

    public EnumModel {
        constants = List.copyOf(constants);
    }

    /** One enum constant and its {@code @Code}. */
    public record Constant(String name, long code) {}
}
