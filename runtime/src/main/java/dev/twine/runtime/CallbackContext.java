package dev.twine.runtime;

import java.util.ArrayList;

/**
 * What a thread knows about the reactor callback it is running: which reactor runs it, and which
 * {@link Deferred}s were left holding a failure with no errback, to be checked once the callback
 * returns.
 *
 * <p>The end of a callback is Twine's equivalent of a JavaScript engine's microtask checkpoint: the
 * earliest moment at which "nobody handled this failure" is a fact rather than a guess, since the
 * code that got the {@code Deferred} has had every chance to add its errback — even to one that had
 * already failed when it got it — and no later code can without having kept the {@code Deferred}.
 */
final class CallbackContext {

    private static final ThreadLocal<CallbackContext> OF_THREAD = ThreadLocal.withInitial(CallbackContext::new);

    private final ArrayList<Deferred<?>> toCheck = new ArrayList<>();
    private final Runnable check = this::check;
    /** The reactor whose callbacks run on this thread now, or null outside them. */
    private Reactor reactor;
    private boolean checkQueued;

    private CallbackContext() {}

    static CallbackContext ofThisThread() {
        return OF_THREAD.get();
    }

    /** The reactor whose callback is running on this thread, or null if none is. */
    static Reactor currentReactor() {
        return OF_THREAD.get().reactor;
    }

    /**
     * {@code reactor} starts running callbacks on this thread.
     *
     * @return the reactor to hand back to {@link #exit}
     */
    Reactor enter(Reactor reactor) {
        Reactor outer = this.reactor;
        this.reactor = reactor;
        return outer;
    }

    void exit(Reactor outer) {
        reactor = outer;
    }

    /**
     * {@code deferred} holds a failure no errback is left to handle: check it when the current
     * reactor callback returns. Outside reactor callbacks nothing is kept: with no callback to wait
     * for, a thread that never runs a reactor would keep every failure forever.
     *
     * @return whether it will be checked
     */
    boolean checkLater(Deferred<?> deferred) {
        if (reactor == null) {
            return false;
        }
        toCheck.add(deferred);
        if (!checkQueued) {
            checkQueued = true;
            reactor.defer(check);
        }
        return true;
    }

    private void check() {
        checkQueued = false;
        // Reporting runs a handler, which may leave more failures: those wait for the next check.
        Deferred<?>[] due = toCheck.toArray(new Deferred<?>[0]);
        toCheck.clear();
        for (Deferred<?> deferred : due) {
            deferred.reportIfUnhandled();
        }
    }
}
