package dev.twine.examples.memcached;

/**
 * Where {@link MemcachedClient} delivers the outcome of one request, on the reactor thread: exactly
 * one of the two methods is called, once.
 */
public interface McCallback {

    /** The server answered (an error status is an answer too; see {@link McResult}). */
    void onResult(McResult result);

    /**
     * No answer will come: a {@link java.util.concurrent.TimeoutException} when the request timed
     * out, an {@link java.io.IOException} when the connection was lost or was not open.
     */
    void onFailure(Exception cause);
}
