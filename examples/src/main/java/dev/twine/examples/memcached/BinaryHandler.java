package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.FramingException;
import dev.twine.framing.HeaderFramer;
import dev.twine.server.Connection;
import java.nio.ByteBuffer;

/**
 * Answers the binary protocol ({@link McRequest}) from the {@link Store}, as memcached 1.6's
 * {@code proto_bin.c} does: the same status codes and error texts, the opaque echoed, the item's
 * CAS in the response, and the quiet opcodes silent on success (getq and getkq on a miss too) but
 * not on error.
 *
 * <p>Requests are checked as memcached checks them, in its order: a key and extras longer than the
 * body are "Unknown command", then a key over {@value Store#MAX_KEY_LENGTH} bytes, extras of the
 * wrong length for the opcode, or a missing key are "Invalid arguments"; either error closes the
 * connection once it is sent. An opcode this server does not know is "Unknown command" on a
 * connection that stays open. A frame whose body does not fit its opcode's layout (a key running
 * past the body, extras of another length than the opcode's) is refused by the framer, which shows
 * it to {@link #onRejectedFrame}: it gets the same answer from the same checks, read from the raw
 * header.
 *
 * <p>A request longer than the longest item could need ({@link #newFramer}) is decided from its
 * header and its first bytes, and its body is dropped as it arrives, never held, as memcached
 * swallows it: a storage command gets "Too large." and an unknown opcode "Unknown command", on a
 * connection that stays open; anything else is malformed and closes after its error.
 *
 * <p>One instance serves every binary connection of a reactor. Each command runs on the partition
 * that owns its key ({@link Partitions}), and every response goes out through the connection's
 * {@link ReplyOrder}, in request order, so a noop after quiet commands needs no special flush even
 * when they ran on other reactors.
 */
public final class BinaryHandler implements McRequestHandler<Session> {

    /** Increment's and decrement's extras, the longest of any request. */
    private static final int LONGEST_EXTRAS = 20;

    /** The extras of set, add and replace (flags, expiration): the longest of a request with a value. */
    private static final int UPDATE_EXTRAS = 8;

    /** What a skipped request shows of itself: enough for any header, extras and key. */
    private static final int SHOWN_OF_SKIPPED = McRequest.HEADER_LENGTH + LONGEST_EXTRAS + Store.MAX_KEY_LENGTH;

    /** A counter's expiration that means "do not create a missing item". */
    private static final int DO_NOT_CREATE = 0xffffffff;

    private final Partitions partitions;
    private final ServerSettings settings;
    private final BinaryReplies replies = new BinaryReplies();

    // The keyed commands: what each asks the store that owns its key, and how it answers.

    private final KeyCommand<McRequest.Get, Item> get = new KeyCommand<>(
            (store, frame) -> store.get(frame.key()),
            (connection, frame, item) -> answerItem(connection, frame.opcode(), frame.header(), frame.key(), item, true));

    private final KeyCommand<McRequest.Touch, Item> touch = new KeyCommand<>(
            (store, frame) -> store.getAndTouch(frame.key(), Integer.toUnsignedLong(frame.expiration())),
            (connection, frame, item) -> answerItem(connection, frame.opcode(), frame.header(), frame.key(), item,
                    frame.opcode() != Opcode.TOUCH));

    private final KeyCommand<McRequest.Update, Stored> update = new KeyCommand<>(
            BinaryHandler::update, this::answerUpdate);

    private final KeyCommand<McRequest.Append, Stored> append = new KeyCommand<>(
            (store, frame) -> Stored.by(store, store.append(frame.key(), frame.value(), frame.header().cas(),
                    frame.opcode() == Opcode.PREPEND || frame.opcode() == Opcode.PREPENDQ)),
            (connection, frame, stored) -> answerStored(connection, frame.opcode(), frame.header(), stored));

    private final KeyCommand<McRequest.Delete, Store.Status> delete = new KeyCommand<>(
            (store, frame) -> store.delete(frame.key(), frame.header().cas()), this::answerDelete);

    private final KeyCommand<McRequest.Counter, Store.Counter> counter = new KeyCommand<>(
            BinaryHandler::count, this::answerCounter);

    BinaryHandler(Partitions partitions, ServerSettings settings) {
        this.partitions = partitions;
        this.settings = settings;
    }

    /** A storage command's outcome, and on success the stored item's new CAS, read where it ran. */
    private record Stored(Store.Status status, long cas) {
        static Stored by(Store store, Store.Status status) {
            return new Stored(status, status == Store.Status.OK ? store.lastCas() : 0);
        }
    }

    /**
     * A framer for a binary connection. It reads requests up to the longest a storable item makes:
     * a set's header and extras, and the store's item limit. A longer one, whose value cannot be
     * stored, is skipped (see {@link #onSkippedFrame}) with its first {@value #SHOWN_OF_SKIPPED}
     * bytes held: the header, the longest extras and the longest key. The framer holds a request as
     * its bytes arrive, so a connection holds no more than the longest it reads.
     */
    HeaderFramer<McRequest> newFramer() {
        return new McRequestFramer().skipFramesLongerThan(
                McRequest.HEADER_LENGTH + UPDATE_EXTRAS + partitions.maxItemBytes(), SHOWN_OF_SKIPPED);
    }

    @Override
    public void onGet(Connection<Session> connection, McRequest.Get frame) {
        final McRequest.Header header = frame.header();
        if (accepts(connection, frame.opcode(), header, frame.key().length, header.extrasLength() == 0, true)) {
            partitions.ask(connection, frame.key(), frame, get);
        }
    }

    @Override
    public void onTouch(Connection<Session> connection, McRequest.Touch frame) {
        final McRequest.Header header = frame.header();
        if (accepts(connection, frame.opcode(), header, 4 + frame.key().length, header.extrasLength() == 4, true)) {
            partitions.ask(connection, frame.key(), frame, touch);
        }
    }

    @Override
    public void onUpdate(Connection<Session> connection, McRequest.Update frame) {
        final McRequest.Header header = frame.header();
        if (accepts(connection, frame.opcode(), header, 8 + frame.key().length + frame.value().length,
                header.extrasLength() == 8, true)) {
            partitions.ask(connection, frame.key(), frame, update);
        }
    }

    @Override
    public void onAppend(Connection<Session> connection, McRequest.Append frame) {
        final McRequest.Header header = frame.header();
        if (accepts(connection, frame.opcode(), header, frame.key().length + frame.value().length,
                header.extrasLength() == 0, true)) {
            partitions.ask(connection, frame.key(), frame, append);
        }
    }

    @Override
    public void onDelete(Connection<Session> connection, McRequest.Delete frame) {
        final McRequest.Header header = frame.header();
        if (accepts(connection, frame.opcode(), header, frame.key().length, header.extrasLength() == 0, true)) {
            partitions.ask(connection, frame.key(), frame, delete);
        }
    }

    @Override
    public void onCounter(Connection<Session> connection, McRequest.Counter frame) {
        final McRequest.Header header = frame.header();
        if (accepts(connection, frame.opcode(), header, 20 + frame.key().length, header.extrasLength() == 20, true)) {
            partitions.ask(connection, frame.key(), frame, counter);
        }
    }

    @Override
    public void onFlush(Connection<Session> connection, McRequest.Flush frame) {
        final McRequest.Header header = frame.header();
        final byte[] extras = frame.extras();
        if (accepts(connection, frame.opcode(), header, extras.length, extras.length == 0 || extras.length == 4, false)) {
            final long when = extras.length == 0 ? 0 : Integer.toUnsignedLong(ByteBuffer.wrap(extras).getInt());
            partitions.doOnAll(connection, partition -> partition.store().flushAll(when), () -> {
                if (!Opcode.isQuiet(frame.opcode())) {
                    replies.success(connection, frame.opcode(), header, 0);
                }
            });
        }
    }

    /**
     * The key names the group, as {@code stats <group>} does ({@link StatsReport}); with no key the
     * general one. Each statistic goes in a response of its own, its name the key, then one with
     * an empty key and value ends the answer; {@code reset} gets that last one alone. A group this
     * server does not have is "Not found", as memcached answers one it does not know.
     */
    @Override
    public void onStat(Connection<Session> connection, McRequest.Stat frame) {
        final McRequest.Header header = frame.header();
        if (!accepts(connection, Opcode.STAT, header, frame.key().length, true, false)) {
            return;
        }
        final String group = new String(frame.key(), US_ASCII);
        if (group.equals(StatsReport.RESET)) {
            partitions.doOnAll(connection, StatsReport::reset,
                    () -> replies.success(connection, Opcode.STAT, header, 0));
        } else if (!StatsReport.ask(connection, partitions, settings, group, stats -> {
            for (StatsReport.Stat stat : stats) {
                replies.send(connection, Opcode.STAT, header, BinaryStatus.NO_ERROR, 0, BinaryReplies.NONE,
                        stat.name().getBytes(US_ASCII), stat.value().getBytes(US_ASCII));
            }
            replies.success(connection, Opcode.STAT, header, 0);
        })) {
            replies.error(connection, Opcode.STAT, header, BinaryStatus.KEY_NOT_FOUND);
        }
    }

    @Override
    public void onBare(Connection<Session> connection, McRequest.Bare frame) {
        final McRequest.Header header = frame.header();
        final int opcode = frame.opcode();
        if (!accepts(connection, opcode, header, 0, true, false)) {
            return;
        }
        switch (opcode) {
            case Opcode.VERSION -> replies.send(connection, opcode, header, BinaryStatus.NO_ERROR, 0,
                    BinaryReplies.NONE, BinaryReplies.NONE, ServerStats.VERSION.getBytes(US_ASCII));
            case Opcode.NOOP -> replies.success(connection, opcode, header, 0);
            case Opcode.QUIT -> {
                replies.success(connection, opcode, header, 0);
                replies.close(connection);
            }
            default -> replies.close(connection);       // quitq: no answer
        }
    }

    @Override
    public void onUnknown(Connection<Session> connection, McRequest.Unknown frame) {
        answerUnknown(connection, frame.opcode(), frame.header(), frame.body().length);
    }

    /** "Unknown command", on a connection that stays open, unless the header is malformed. */
    private void answerUnknown(Connection<Session> connection, int opcode, McRequest.Header header, long bodyLength) {
        if (accepts(connection, opcode, header, bodyLength, true, false)) {
            replies.error(connection, opcode, header, BinaryStatus.UNKNOWN_COMMAND);
        }
    }

    /**
     * A request the framer had whole but could not read: its body does not fit its opcode's layout.
     * memcached answers it from the header, and so does this, through the same checks as every
     * request ({@link #accepts}); as the layout did not fit, the key is not where the opcode wants
     * it or the extras are of the wrong length, so one of those checks fails. {@link #onFramingError}
     * then closes the connection after the answer.
     */
    @Override
    public void onRejectedFrame(Connection<Session> connection, int kind, ByteBuffer frame, FramingException error) {
        accepts(connection, opcodeOf(frame), headerOf(frame), bodyLengthOf(frame), false, false);
    }

    /**
     * A request too long for any item, its body dropped as it arrives: a storage command checked
     * as usual, then answered "Too large." (a set also forgets the key's old value, as memcached
     * does); an opcode this server does not know "Unknown command", as memcached answers it
     * whatever its length; any other request this long is malformed, answered as
     * {@link #onRejectedFrame} answers, and closed.
     */
    @Override
    public void onSkippedFrame(Connection<Session> connection, int kind, ByteBuffer start, FrameTooLongException tooLong) {
        final int opcode = opcodeOf(start);
        final McRequest.Header header = headerOf(start);
        if (kind == McRequestFramer.KIND_UNKNOWN) {
            answerUnknown(connection, opcode, header, bodyLengthOf(start));
            return;
        }
        final boolean update = kind == McRequestFramer.KIND_UPDATE;
        if (!update && kind != McRequestFramer.KIND_APPEND) {
            accepts(connection, opcode, header, bodyLengthOf(start), false, false);
            return;
        }
        final int extras = update ? UPDATE_EXTRAS : 0;
        if (!accepts(connection, opcode, header, bodyLengthOf(start), header.extrasLength() == extras, true)) {
            return;
        }
        if ((opcode == Opcode.SET || opcode == Opcode.SETQ) && header.cas() == 0) {
            final byte[] key = new byte[header.keyLength()];
            start.get(start.position() + McRequest.HEADER_LENGTH + extras, key);
            partitions.ask(connection, key, store -> store.refuseOversizedSet(key),
                    status -> replies.error(connection, opcode, header, BinaryStatus.of(status)));
        } else {
            replies.error(connection, opcode, header, BinaryStatus.VALUE_TOO_LARGE);
        }
    }

    /** The opcode of a request the framer did not read, from its raw bytes. */
    private static int opcodeOf(ByteBuffer frame) {
        return frame.get(frame.position() + 1) & 0xff;
    }

    /** The body length of a request the framer did not read, from its raw bytes: up to 2^32 - 1. */
    private static long bodyLengthOf(ByteBuffer frame) {
        return Integer.toUnsignedLong(frame.getInt(frame.position() + 8));
    }

    /** The header of a request the framer did not read, from its raw bytes. */
    private static McRequest.Header headerOf(ByteBuffer frame) {
        final int at = frame.position();
        return new McRequest.Header(frame.getShort(at + 2) & 0xffff, frame.get(at + 4) & 0xff, frame.get(at + 5),
                frame.getShort(at + 6), frame.getInt(at + 12), frame.getLong(at + 16));
    }

    /**
     * Closes the connection after the replies to every request before the bad one, some of which
     * other reactors may still be making: the framer has lost its place, so the connection stops
     * reading meanwhile (see {@link ReplyOrder#close}); the default would abort, dropping them.
     */
    @Override
    public void onFramingError(Connection<Session> connection, FramingException error) {
        replies.close(connection);
    }

    /** set, add and replace, and their quiet twins. */
    private static Stored update(Store store, McRequest.Update frame) {
        final byte[] key = frame.key();
        final long exptime = Integer.toUnsignedLong(frame.expiration());
        final long cas = frame.header().cas();
        return Stored.by(store, switch (frame.opcode()) {
            case Opcode.SET, Opcode.SETQ -> store.set(key, frame.flags(), exptime, frame.value(), cas);
            // memcached turns an add with a CAS into a CAS: it stores only over that very item.
            case Opcode.ADD, Opcode.ADDQ -> cas != 0
                    ? store.set(key, frame.flags(), exptime, frame.value(), cas)
                    : store.add(key, frame.flags(), exptime, frame.value());
            default -> store.replace(key, frame.flags(), exptime, frame.value(), cas);
        });
    }

    private void answerUpdate(Connection<Session> connection, McRequest.Update frame, Stored stored) {
        final int opcode = frame.opcode();
        if (stored.status() == Store.Status.NOT_STORED) {
            // An add refused is "exists", a replace refused "not found", as memcached reports them.
            final boolean add = opcode == Opcode.ADD || opcode == Opcode.ADDQ;
            replies.error(connection, opcode, frame.header(), add ? BinaryStatus.KEY_EXISTS : BinaryStatus.KEY_NOT_FOUND);
        } else {
            answerStored(connection, opcode, frame.header(), stored);
        }
    }

    private void answerDelete(Connection<Session> connection, McRequest.Delete frame, Store.Status status) {
        if (status != Store.Status.OK) {
            replies.error(connection, frame.opcode(), frame.header(), BinaryStatus.of(status));
        } else if (!Opcode.isQuiet(frame.opcode())) {
            replies.success(connection, frame.opcode(), frame.header(), 0);
        }
    }

    /** increment and decrement, and their quiet twins. */
    private static Store.Counter count(Store store, McRequest.Counter frame) {
        final boolean decrement = frame.opcode() == Opcode.DECREMENT || frame.opcode() == Opcode.DECREMENTQ;
        return store.incr(frame.key(), frame.delta(), decrement, frame.expiration() != DO_NOT_CREATE,
                frame.initial(), Integer.toUnsignedLong(frame.expiration()), frame.header().cas());
    }

    private void answerCounter(Connection<Session> connection, McRequest.Counter frame, Store.Counter counter) {
        final int opcode = frame.opcode();
        if (counter.status() != Store.Status.OK) {
            replies.error(connection, opcode, frame.header(), BinaryStatus.of(counter.status()));
        } else if (!Opcode.isQuiet(opcode)) {
            final byte[] value = ByteBuffer.allocate(Long.BYTES).putLong(counter.value()).array();
            replies.send(connection, opcode, frame.header(), BinaryStatus.NO_ERROR, counter.cas(),
                    BinaryReplies.NONE, BinaryReplies.NONE, value);
        }
    }

    /**
     * memcached's checks before it runs a command; when one fails, the error response, and the
     * connection closes after it.
     *
     * @param bodyLength  the request's extras, key and value, as the framer read them or, for a
     *     request it did not read, as the header announces them
     * @param extrasRight whether the header's extras length is one the opcode takes
     * @param keyRequired whether the opcode needs a key
     */
    private boolean accepts(Connection<Session> connection, int opcode, McRequest.Header header,
            long bodyLength, boolean extrasRight, boolean keyRequired) {
        final int status;
        if (header.keyLength() + header.extrasLength() > bodyLength) {
            status = BinaryStatus.UNKNOWN_COMMAND;
        } else if (header.keyLength() > Store.MAX_KEY_LENGTH || !extrasRight
                || (keyRequired && header.keyLength() == 0)) {
            status = BinaryStatus.INVALID_ARGUMENTS;
        } else {
            return true;
        }
        replies.error(connection, opcode, header, status);
        replies.close(connection);
        return false;
    }

    /**
     * The answer to get, getk, touch and gat and their quiet twins: on a hit the flags as extras,
     * the key for getk and gatk, the value unless it is a touch; on a miss "Not found" (the key
     * alone for getk and gatk), or nothing from a quiet one.
     */
    private void answerItem(Connection<Session> connection, int opcode, McRequest.Header header, byte[] key,
            Item item, boolean withValue) {
        final byte[] returnedKey = Opcode.returnsKey(opcode) ? key : BinaryReplies.NONE;
        if (item != null) {
            replies.hit(connection, opcode, header, item, returnedKey, withValue ? item.value() : BinaryReplies.NONE);
        } else if (Opcode.isQuiet(opcode)) {
            return;
        } else if (returnedKey.length != 0) {
            replies.send(connection, opcode, header, BinaryStatus.KEY_NOT_FOUND, 0, BinaryReplies.NONE,
                    returnedKey, BinaryReplies.NONE);
        } else {
            replies.error(connection, opcode, header, BinaryStatus.KEY_NOT_FOUND);
        }
    }

    /** The answer to a storage command: the item's new CAS, silent if quiet; or the error. */
    private void answerStored(Connection<Session> connection, int opcode, McRequest.Header header, Stored stored) {
        if (stored.status() != Store.Status.OK) {
            replies.error(connection, opcode, header, BinaryStatus.of(stored.status()));
        } else if (!Opcode.isQuiet(opcode)) {
            replies.success(connection, opcode, header, stored.cas());
        }
    }
}
