package dev.twine.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** {@link Deferred#all}, {@link Deferred#allSettled} and {@link Deferred#first}: several results as one. */
final class Gathering {

    private Gathering() {}

    static <T> Deferred<List<T>> all(List<? extends Deferred<? extends T>> deferreds) {
        List<Deferred<?>> inputs = List.copyOf(deferreds);
        Deferred<List<T>> all = new Deferred<>(gathered -> cancelPending(inputs));
        Object[] values = new Object[inputs.size()];
        int[] remaining = {inputs.size()};
        if (inputs.isEmpty()) {
            all.callback(List.of());
        }
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            inputs.get(i).append(value -> {
                values[index] = value;
                if (--remaining[0] == 0 && !all.isFired()) {
                    all.callback(listOf(values));
                }
                return value;
            }, failure -> {
                if (!all.isFired()) {
                    all.errback(failure);
                }
                return null;
            });
        }
        return all;
    }

    static <T> Deferred<List<Deferred.Outcome<T>>> allSettled(List<? extends Deferred<? extends T>> deferreds) {
        List<Deferred<?>> inputs = List.copyOf(deferreds);
        Deferred<List<Deferred.Outcome<T>>> settled = new Deferred<>(gathered -> cancelPending(inputs));
        Object[] outcomes = new Object[inputs.size()];
        int[] remaining = {inputs.size()};
        if (inputs.isEmpty()) {
            settled.callback(List.of());
        }
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            inputs.get(i).append(value -> {
                outcomes[index] = new Deferred.Outcome<>(value, null);
                if (--remaining[0] == 0) {
                    settled.callback(listOf(outcomes));
                }
                return value;
            }, failure -> {
                outcomes[index] = new Deferred.Outcome<>(null, failure);
                if (--remaining[0] == 0) {
                    settled.callback(listOf(outcomes));
                }
                return null;
            });
        }
        return settled;
    }

    static <T> Deferred<T> first(List<? extends Deferred<? extends T>> deferreds) {
        List<Deferred<?>> inputs = List.copyOf(deferreds);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("first() needs at least one Deferred: with none, nothing can come first");
        }
        // Cancelling the result fails every input; that is a cancellation, not "all of them failed".
        boolean[] cancelling = {false};
        Deferred<T> first = new Deferred<>(race -> {
            cancelling[0] = true;
            cancelPending(inputs);
        });
        Throwable[] failures = new Throwable[inputs.size()];
        int[] failed = {0};
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            inputs.get(i).append(value -> {
                if (!first.isFired()) {
                    @SuppressWarnings("unchecked")
                    T winner = (T) value;
                    first.callback(winner);
                    cancelPending(inputs);
                }
                return value;
            }, failure -> {
                failures[index] = failure;
                if (++failed[0] == inputs.size() && !cancelling[0] && !first.isFired()) {
                    first.errback(new AllFailedException(Arrays.asList(failures)));
                }
                return null;
            });
        }
        return first;
    }

    private static void cancelPending(List<Deferred<?>> inputs) {
        for (Deferred<?> input : inputs) {
            input.cancel();
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> List<E> listOf(Object[] elements) {
        return (List<E>) Collections.unmodifiableList(Arrays.asList(elements));
    }
}
