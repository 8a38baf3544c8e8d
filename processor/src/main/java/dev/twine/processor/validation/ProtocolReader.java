package dev.twine.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.twine.annotations.Frame;
import dev.twine.annotations.Tag;
import dev.twine.annotations.TagFlags;
import dev.twine.processor.model.FrameModel;
import dev.twine.processor.model.HeaderModel;
import dev.twine.processor.model.ProtocolModel;
import dev.twine.processor.model.RecordModel;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Builds the model of one {@code @Protocol} interface, or reports why it cannot. Reading goes on
 * past each problem so that one compilation shows them all.
 */
public final class ProtocolReader {

    private final Report report;
    private final Elements elements;
    private final Set<String> generated;

    /**
     * @param generated the qualified names of types generated earlier in this compilation, which
     *     {@link Elements} may not know yet
     */
    public ProtocolReader(Report report, Elements elements, Set<String> generated) {
        this.report = report;
        this.elements = elements;
        this.generated = generated;
    }

    public Optional<ProtocolModel> read(TypeElement protocol) {
        int errors = report.errors();
        String name = protocol.getSimpleName().toString();
        if (protocol.getKind() != ElementKind.INTERFACE || !protocol.getModifiers().contains(Modifier.SEALED)) {
            report.error(protocol, Message.PROTOCOL_NOT_SEALED_INTERFACE, name, name);
            return Optional.empty();
        }
        HeaderModel header = new HeaderReader(report, protocol).read();
        List<? extends TypeMirror> permitted = protocol.getPermittedSubclasses();
        if (permitted.isEmpty()) {
            report.error(protocol, Message.PROTOCOL_NO_FRAMES, name);
        }
        if (header != null && !header.hasTag() && permitted.size() > 1) {
            report.error(protocol, Message.TAGLESS_MANY_FRAMES, name, permitted.size());
        }
        RecordReader records = new RecordReader(report, header == null || header.bigEndian());
        List<FrameModel> frames = new ArrayList<>();
        Map<Long, TypeElement> byTag = new HashMap<>();
        for (TypeMirror type : permitted) {
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            if (element.getKind() != ElementKind.RECORD) {
                report.error(element, Message.FRAME_NOT_RECORD, element.getSimpleName(), name,
                        element.getSimpleName(), name);
                continue;
            }
            Frame frame = element.getAnnotation(Frame.class);
            if (frame == null) {
                report.error(element, Message.FRAME_NOT_ANNOTATED, element.getSimpleName(), name);
                continue;
            }
            int before = report.errors();
            RecordModel record = records.read(element, true);
            if (header == null) {
                continue;
            }
            List<Long> tags = tags(header, element, frame, byTag, name);
            if (report.errors() != before || records.reusedBroken()) {
                continue; // a broken record's layout would only add noise
            }
            LayoutChecker layout = new LayoutChecker(report, header, element);
            layout.check(record);
            frames.add(new FrameModel(frameName(element, permitted), frames.size(), tags, frame.tagFlags(), record, layout.before(),
                    layout.after()));
        }
        ClassName className = ClassName.get(protocol);
        if (report.errors() != errors) {
            return Optional.empty();
        }
        ProtocolModel model = ProtocolModel.of(protocol, className, header, frames);
        List<String> taken = model.generatedTypes().stream()
                .filter(type -> elements.getTypeElement(type.canonicalName()) != null
                        || generated.contains(type.canonicalName()))
                .map(ClassName::simpleName)
                .collect(Collectors.toList());
        if (!taken.isEmpty()) {
            report.error(protocol, Message.NAME_CLASH, String.join(", ", taken), name);
        }
        return report.errors() == errors ? Optional.of(model) : Optional.empty();
    }

    /**
     * The largest value an integer component holds (as a signed number), or {@code Long.MAX_VALUE}
     * when there is no component, or it is not an integer (reported elsewhere).
     */
    private static long largest(Element component) {
        if (component == null) {
            return Long.MAX_VALUE;
        }
        TypeName type = TypeName.get(component.asType());
        TypeName primitive = type.isBoxedPrimitive() ? type.unbox() : type;
        if (primitive.equals(TypeName.BYTE)) {
            return Byte.MAX_VALUE;
        } else if (primitive.equals(TypeName.SHORT)) {
            return Short.MAX_VALUE;
        } else if (primitive.equals(TypeName.INT)) {
            return Integer.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }

    /** The component of {@code record} marked with {@code marker}, or {@code null}. */
    private static Element componentWith(TypeElement record, Class<? extends Annotation> marker) {
        return record.getRecordComponents().stream()
                .filter(c -> c.getAnnotation(marker) != null)
                .findFirst()
                .orElse(null);
    }

    /** The record's simple name, unless another permitted type has the same one. */
    private static String frameName(TypeElement element, List<? extends TypeMirror> permitted) {
        String simple = element.getSimpleName().toString();
        long same = permitted.stream()
                .filter(t -> ((DeclaredType) t).asElement().getSimpleName().contentEquals(simple))
                .count();
        return same == 1 ? simple : String.join("", ClassName.get(element).simpleNames());
    }

    /** The frame's tags, checked against the header and the tags of frames before it. */
    private List<Long> tags(HeaderModel header, TypeElement element, Frame frame,
            Map<Long, TypeElement> byTag, String protocol) {
        AnnotationMirror mirror = Annotations.mirror(element, Frame.class);
        String frameName = element.getSimpleName().toString();
        List<Long> tags = new ArrayList<>();
        Element tagComponent = componentWith(element, Tag.class);
        Element flagsComponent = componentWith(element, TagFlags.class);
        if (!header.hasTag()) {
            if (frame.tag().length > 0) {
                report.error(element, mirror, "tag", Message.TAG_IN_TAGLESS, frameName, protocol);
            }
            if (tagComponent != null || flagsComponent != null) {
                report.error(tagComponent != null ? tagComponent : flagsComponent,
                        Message.TAG_COMPONENT_IN_TAGLESS, frameName,
                        tagComponent != null ? "@Tag" : "@TagFlags", protocol);
            }
            return tags;
        }
        if (frame.tag().length == 0) {
            report.error(element, mirror, "tag", Message.TAG_MISSING, frameName, protocol);
        }
        int bits = header.tagBits();
        long maxTag = bits >= 64 ? -1 : (1L << bits) - 1;
        for (long tag : frame.tag()) {
            if (bits < 64 && (tag < 0 || tag > maxTag)) {
                report.error(element, mirror, "tag", Message.TAG_TOO_WIDE, tag, frameName, bits, maxTag);
            }
            TypeElement previous = byTag.putIfAbsent(tag, element);
            if (previous != null) {
                report.error(element, mirror, "tag", Message.TAG_DUPLICATE, tag, frameName,
                        previous.getSimpleName());
            }
            tags.add(tag);
        }
        int shift = header.tag().shift();
        if (flagsComponent != null && shift == 0) {
            report.error(flagsComponent, Message.TAG_FLAGS_NO_SHIFT, frameName);
        }
        if (frame.tagFlags() < 0 || frame.tagFlags() >= 1L << shift) {
            report.error(element, mirror, "tagFlags", Message.TAG_FLAGS_TOO_WIDE, frame.tagFlags(),
                    frameName, shift, (1L << shift) - 1);
        }
        long tagMax = largest(tagComponent);
        for (long tag : tags) {
            if (tag > tagMax) {
                report.error(tagComponent, Message.TAG_COMPONENT_TOO_NARROW, tag, frameName,
                        tagComponent.getSimpleName(), tagComponent.asType(), tagMax);
                break;
            }
        }
        if (flagsComponent != null && shift > 0 && (1L << shift) - 1 > largest(flagsComponent)) {
            report.error(flagsComponent, Message.TAG_COMPONENT_TOO_NARROW, (1L << shift) - 1, frameName,
                    flagsComponent.getSimpleName(), flagsComponent.asType(), largest(flagsComponent));
        }
        if (tags.size() > 1 && tagComponent == null) {
            report.error(element, mirror, "tag", Message.SEVERAL_TAGS_NO_COMPONENT, frameName, tags.size());
        }
        return tags;
    }
}
