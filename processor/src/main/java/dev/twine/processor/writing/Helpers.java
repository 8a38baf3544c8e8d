package dev.twine.processor.writing;

import com.palantir.javapoet.ClassName;
import dev.twine.processor.model.EnumModel;
import dev.twine.processor.model.RecordModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The list-element records and enums a writer's methods met along the way, which need helper
 * methods of their own; in the order met, so that the output is stable.
 */
final class Helpers {
    final Map<ClassName, RecordModel> elements = new LinkedHashMap<>();
    final Map<ClassName, EnumModel> enums = new LinkedHashMap<>();
}
