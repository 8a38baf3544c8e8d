package dev.twine.runtime;

import java.nio.channels.SelectionKey;

/** What a reactor's selection key is attached to: a listener, a connect attempt or a connection. */
interface IoHandler {

    /** The key is ready for {@code readyOps}. Handles its own failures; never throws. */
    void onReady(int readyOps);

    /**
     * The reactor moved the channel to a new selector (see
     * {@link Reactor#setSelectorRebuildThreshold}), with the same interest and attachment:
     * {@code key} is its key there, to use from now on.
     */
    void rekey(SelectionKey key);

    /** The reactor is shutting down: release the channel and tell whoever waits. Never throws. */
    void shutdown();
}
