package dev.twine.processor.validation;

import dev.twine.processor.model.ComponentModel;
import dev.twine.processor.model.Encoding;
import dev.twine.processor.model.HeaderField;
import dev.twine.processor.model.HeaderModel;
import dev.twine.processor.model.RecordModel;
import dev.twine.processor.model.Sizes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.lang.model.element.TypeElement;

/**
 * Fits a frame's components around the header fields the protocol owns: walking the components in
 * wire order (nested records inline), it notes which owned fields come before each, and reports a
 * component that would overlap one, a variable-size component that would move one, and header
 * bytes no component covers.
 */
final class LayoutChecker {

    private final Report report;
    private final List<HeaderField> owned;
    private final TypeElement frame;
    private final Map<String, List<HeaderField>> before = new HashMap<>();
    /** Owned fields not yet passed. */
    private int next;
    /** The first owned field after the last component. */
    private int afterStart;
    /** The offset reached, or -1 once a variable-size component has made it unknown. */
    private int cursor;
    /** The component that made the offset unknown, for the diagnostic. */
    private ComponentModel variable;

    LayoutChecker(Report report, HeaderModel header, TypeElement frame) {
        this.report = report;
        this.owned = header.ownedInOrder();
        this.frame = frame;
    }

    /** Walks {@code record}; then {@link #before()} and {@link #after()} hold the result. */
    void check(RecordModel record) {
        walk(record, "");
        afterStart = next;
        passOwnedAtCursor();
        if (next < owned.size() && cursor >= 0) {
            HeaderField field = owned.get(next);
            report.error(frame, Message.LAYOUT_GAP, cursor, field.offset() - 1, frame.getSimpleName(),
                    field.describe());
        }
    }

    Map<String, List<HeaderField>> before() {
        return before;
    }

    /** Owned fields after every component (all of them, for a frame with none). */
    List<HeaderField> after() {
        return List.copyOf(owned.subList(afterStart, owned.size()));
    }

    private void walk(RecordModel record, String prefix) {
        for (ComponentModel component : record.components()) {
            if (!component.isOnWire()) {
                continue;
            }
            String path = prefix + component.name();
            if (component.encoding() instanceof Encoding.Nested nested && component.condition() == null) {
                int passed = next;
                passOwnedAtCursor();
                if (next > passed) {
                    before.put(path, List.copyOf(owned.subList(passed, next)));
                }
                walk(nested.record(), path + ".");
                continue;
            }
            place(component, path);
        }
    }

    private void place(ComponentModel component, String path) {
        int passed = next;
        passOwnedAtCursor();
        if (next > passed) {
            before.put(path, List.copyOf(owned.subList(passed, next)));
        }
        OptionalInt size = Sizes.fixed(component);
        if (next < owned.size()) {
            HeaderField field = owned.get(next);
            if (cursor < 0 || size.isEmpty()) {
                ComponentModel culprit = cursor < 0 ? variable : component;
                report.error(culprit.element(), Message.LAYOUT_VARIABLE_BEFORE_HEADER, culprit.name(),
                        field.describe(), culprit.name(), owned.get(owned.size() - 1).end() - 1);
                next = owned.size(); // one report per frame is enough
            } else if (cursor + size.getAsInt() > field.offset()) {
                report.error(component.element(), Message.LAYOUT_OVERLAP, component.name(), cursor,
                        cursor + size.getAsInt() - 1, field.describe());
                next = owned.size();
            }
        }
        if (cursor >= 0 && size.isPresent()) {
            cursor += size.getAsInt();
        } else if (cursor >= 0) {
            cursor = -1;
            variable = component;
        }
    }

    /** Steps over the owned fields that start exactly where the components have reached. */
    private void passOwnedAtCursor() {
        while (cursor >= 0 && next < owned.size() && owned.get(next).offset() == cursor) {
            HeaderField field = owned.get(next++);
            cursor = field.isVarint() ? -1 : field.end();
        }
    }
}
