package dev.twine.runtime;

/** What a reactor's selection key is attached to: a listener, a connect attempt or a connection. */
interface IoHandler {

    /** The key is ready for {@code readyOps}. Handles its own failures; never throws. */
    void onReady(int readyOps);

    /** The reactor is shutting down: release the channel and tell whoever waits. Never throws. */
    void shutdown();
}
