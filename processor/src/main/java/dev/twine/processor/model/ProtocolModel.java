package dev.twine.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A protocol: its header, its frames, and the names of what is generated for it.
 *
 * @param element     the sealed interface
 * @param type        its name
 * @param header      how the stream is cut into frames
 * @param frames      its frames, in {@code permits} order (their index is their kind)
 * @param helperNames what the helper methods of each list-element record and enum are named after
 */
public record ProtocolModel(TypeElement element, ClassName type, HeaderModel header,
        List<FrameModel> frames, Map<ClassName, String> helperNames) {

    public ProtocolModel {
        frames = List.copyOf(frames);
        helperNames = Map.copyOf(helperNames);
    }

    /** A protocol, with unique names for the helpers of the records and enums it uses. */
    public static ProtocolModel of(TypeElement element, ClassName type, HeaderModel header,
            List<FrameModel> frames) {
        return new ProtocolModel(element, type, header, frames, HelperNames.assign(frames));
    }

    public String packageName() {
        return type.packageName();
    }

    /** The prefix of every generated type: the interface's simple name, nesting included. */
    public String baseName() {
        return String.join("", type.simpleNames());
    }

    public ClassName framerType() {
        return ClassName.get(packageName(), baseName() + "Framer");
    }

    public ClassName encoderType() {
        return ClassName.get(packageName(), baseName() + "Encoder");
    }

    public ClassName handlerType() {
        return ClassName.get(packageName(), baseName() + "Handler");
    }

    public ClassName connectionsType() {
        return ClassName.get(packageName(), baseName() + "Connections");
    }

    /**
     * What the helper methods for list-element record or enum {@code type} are named after:
     * {@code MqttFilter} in {@code readMqttFilter}, {@code QoS} in {@code toQoS}.
     */
    public String helperName(ClassName type) {
        return helperNames.get(type);
    }

    /** The names of every generated type, for the clash check. */
    public List<ClassName> generatedTypes() {
        return List.of(framerType(), encoderType(), handlerType(), connectionsType());
    }

    /** The interface and every frame record: what each generated file is derived from. */
    public Element[] originatingElements() {
        Element[] elements = new Element[frames.size() + 1];
        elements[0] = element;
        for (int i = 0; i < frames.size(); i++) {
            elements[i + 1] = frames.get(i).record().element();
        }
        return elements;
    }
}
