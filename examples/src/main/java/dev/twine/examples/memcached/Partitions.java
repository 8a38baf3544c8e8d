package dev.twine.examples.memcached;

import dev.twine.runtime.Deferred;
import dev.twine.runtime.Mailbox;
import dev.twine.server.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The cache, partitioned by key across the server's reactors, as one reactor sees it: each command
 * runs on the reactor that owns its key's partition, and its reply comes back to the connection's
 * reactor in request order. This is how the server keeps one thread per piece of state with
 * several threads: a partition's {@link Store} is touched only by its owner's thread, and the
 * reactors share nothing else.
 *
 * <p>A command whose key this reactor owns runs at once, synchronously, as with one reactor; with
 * one partition every command does, so a single-threaded server pays nothing for any of this: a
 * {@link KeyCommand} made once per kind of request runs with no allocation for the asking. A
 * command for another partition goes there as a question ({@link Mailbox#ask}); its answer comes
 * back as a message, and the connection's {@link ReplyOrder} writes the reply in its turn. A
 * partition receives the commands of one connection in request order either way — its own are run
 * as they are read, and messages from one reactor to another arrive in the order sent — so each
 * partition sees every connection's commands in the order the client sent them.
 *
 * <p>The command's {@code question} runs on the owner's thread and may touch only the partition it
 * is given; what it returns goes to the connection's thread, so it must not change afterwards (the
 * store's items do not). Its {@code answer}, the reply, runs on the connection's thread.
 */
final class Partitions {

    private final List<Partition> all;
    private final Partition local;

    /**
     * @param all  every partition of the server, the same list for every reactor
     * @param here the index of the partition this reactor owns
     */
    Partitions(List<Partition> all, int here) {
        this.all = List.copyOf(all);
        this.local = this.all.get(here);
        if (this.all.size() > 1) {
            this.all.forEach(partition -> Objects.requireNonNull(partition.owner(),
                    "with several partitions, each needs its owner reactor"));
        }
    }

    /** A server of one partition: everything runs here, at once. */
    static Partitions single(Store store, ServerStats stats) {
        return new Partitions(List.of(new Partition(null, store, stats)), 0);
    }

    /** This reactor's own partition. */
    Partition local() {
        return local;
    }

    /** The largest item the server accepts; every partition has the same limit. */
    int maxItemBytes() {
        return local.store().maxItemBytes();
    }

    /**
     * The partition that owns {@code key}: the high half of its {@link KeyHash}, whose low half
     * picks its slot in the partition's table.
     */
    Partition ownerOf(byte[] key) {
        return all.size() == 1 ? local : all.get(Math.floorMod((int) (KeyHash.of(key) >>> 32), all.size()));
    }

    /**
     * Runs {@code command}'s question about {@code request} on the store that owns {@code key},
     * then its answer with what that returned, on this reactor, in the connection's request order.
     * When this reactor owns the key, both run now, and the asking allocates nothing.
     */
    <Q, R> void ask(Connection<Session> connection, byte[] key, Q request, KeyCommand<Q, R> command) {
        Partition owner = ownerOf(key);
        if (owner == local) {
            command.answer().give(connection, request, command.question().apply(local.store(), request));
            return;
        }
        Store store = owner.store();
        await(connection, Mailbox.<R>ask(local.owner(), owner.owner(), () -> command.question().apply(store, request)),
                result -> command.answer().give(connection, request, result));
    }

    /**
     * {@link #ask(Connection, byte[], Object, KeyCommand) ask} for a command made for this request
     * alone, whose question and answer capture what they need.
     */
    <R> void ask(Connection<Session> connection, byte[] key, Function<? super Store, ? extends R> question,
            Consumer<? super R> answer) {
        ask(connection, key, null, new KeyCommand<Void, R>(
                (store, none) -> question.apply(store), (sameConnection, none, result) -> answer.accept(result)));
    }

    /**
     * Runs {@code question} on every partition, then {@code answers} with what each returned, in
     * partition order, on this reactor, in the connection's request order: for the commands that
     * concern the whole cache ({@code flush_all}, {@code stats}).
     */
    <R> void askAll(Connection<Session> connection, Function<? super Partition, ? extends R> question,
            Consumer<? super List<R>> answers) {
        if (all.size() == 1) {
            answers.accept(Collections.singletonList(question.apply(local)));
            return;
        }
        List<Deferred<R>> each = new ArrayList<>(all.size());
        for (Partition partition : all) {
            each.add(partition == local
                    ? Deferred.succeeded(question.apply(partition))
                    : Mailbox.ask(local.owner(), partition.owner(), () -> question.apply(partition)));
        }
        await(connection, Deferred.all(each), answers);
    }

    /** {@link #askAll} for a command with nothing to report: {@code then} runs once all have run it. */
    void doOnAll(Connection<Session> connection, Consumer<? super Partition> command, Runnable then) {
        askAll(connection, partition -> {
            command.accept(partition);
            return partition;
        }, done -> then.run());
    }

    /**
     * Reserves the connection's next reply for {@code pending} and fills it when the answer comes.
     * An answer that failed (a command that threw, a reactor that has stopped) aborts the
     * connection, as a handler's exception would.
     */
    private static <R> void await(Connection<Session> connection, Deferred<R> pending, Consumer<? super R> answer) {
        ReplyOrder order = connection.state().replies;
        ReplyOrder.Slot slot = order.reserve(connection);
        pending.addCallback(value -> {
            order.fill(connection, slot, () -> answer.accept(value));
            return null;
        }).addErrback(failure -> {
            connection.transport().abort(failure);
            return null;
        });
    }
}
