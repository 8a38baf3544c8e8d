package dev.twine.processor.model;

/** The processor's copy of {@code dev.twine.annotations.Varint}, so the model does not leak it. */
public enum VarintKind {
    NONE, LEB128, MQTT;

    /** Whether generated code passes {@code mqtt = true} to the runtime's varint helpers. */
    public boolean isMqtt() {
        return this == MQTT;
    }
}
