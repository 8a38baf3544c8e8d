package dev.twine.examples.memcached;

import dev.twine.server.Connection;
import java.util.function.BiFunction;

/**
 * A command on the store that owns a key, as {@link Partitions#ask} runs it: the question it asks
 * that store about a request, and the answer it then gives on the request's connection. One is made
 * for every request of its kind, and the request carries what differs between them, so a command
 * whose key this reactor owns runs without allocating anything for the asking.
 *
 * <pre>{@code
 * KeyCommand<McRequest.Get, Item> get = new KeyCommand<>(
 *         (store, frame) -> store.get(frame.key()),
 *         (connection, frame, item) -> answerItem(connection, frame, item));
 * ...
 * partitions.ask(connection, frame.key(), frame, get);
 * }</pre>
 *
 * @param question runs on the owner's thread and may touch only the store it is given; what it
 *                 returns goes to the connection's thread, so it must not change afterwards
 * @param answer   runs on the connection's thread, in the connection's request order
 * @param <Q>      the request
 * @param <R>      what the question returns
 */
record KeyCommand<Q, R>(BiFunction<Store, Q, R> question, Answer<Q, R> answer) {

    /** What a command does with the question's result, on the connection's thread. */
    @FunctionalInterface
    interface Answer<Q, R> {
        void give(Connection<Session> connection, Q request, R result);
    }
}
