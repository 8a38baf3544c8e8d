package dev.twine.runtime;

/**
 * Makes the {@link Protocol} for each new connection a listener accepts.
 *
 * <p>Called on the reactor thread. Returning {@code null} refuses the connection: its socket is
 * closed at once and no protocol callback runs. A factory that throws refuses it the same way, and
 * the exception is logged.
 */
@FunctionalInterface
public interface ProtocolFactory {
    Protocol newProtocol();
}
