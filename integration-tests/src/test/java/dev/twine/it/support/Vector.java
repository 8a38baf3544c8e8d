package dev.twine.it.support;

/**
 * A frame and the bytes that carry it, written out by hand; named for the test report.
 *
 * @param <F> the protocol's frame type
 */
public record Vector<F>(String name, byte[] bytes, F frame) {

    public Vector(String name, String hex, F frame) {
        this(name, Hex.bytes(hex), frame);
    }

    @Override
    public String toString() {
        return name;
    }
}
