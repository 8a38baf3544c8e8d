package dev.twine.benchmarks.memcached;

import static dev.twine.benchmarks.memcached.BinaryProtocol.GET;
import static dev.twine.benchmarks.memcached.BinaryProtocol.GETK;
import static dev.twine.benchmarks.memcached.BinaryProtocol.GETKQ;
import static dev.twine.benchmarks.memcached.BinaryProtocol.GETQ;
import static dev.twine.benchmarks.memcached.BinaryProtocol.NOOP;
import static dev.twine.benchmarks.memcached.BinaryProtocol.SET;
import static dev.twine.benchmarks.memcached.BinaryProtocol.SETQ;
import static dev.twine.benchmarks.memcached.BinaryProtocol.SET_EXTRAS_LENGTH;

import dev.twine.examples.memcached.Item;
import dev.twine.examples.memcached.Store;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers get, getq, getk, getkq, set, setq and noop from the Twine example's {@link Store}, as
 * memcached does; every other opcode is "Unknown command" on a connection that stays open. Like
 * memcached and the Twine example it checks a request's key and extras first: a key missing or
 * over {@value Store#MAX_KEY_LENGTH} bytes, or extras of the wrong length, is "Invalid arguments",
 * and the connection closes after it.
 *
 * <p>Responses are written as each request is handled and flushed once per read, when
 * {@link #channelReadComplete} says the socket has nothing more for now: memcached likewise
 * answers everything it read before it writes. One instance serves every connection: they all run
 * on the server's single event loop, which is also what makes the unsynchronised store safe.
 */
@Sharable
final class BinaryRequestHandler extends ChannelInboundHandlerAdapter {

    private final Store store;

    BinaryRequestHandler(Store store) {
        this.store = store;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        final BinaryRequest request = (BinaryRequest) msg;
        switch (request.opcode()) {
            case GET, GETQ, GETK, GETKQ -> {
                if (accepts(ctx, request, 0)) {
                    get(ctx, request);
                }
            }
            case SET, SETQ -> {
                if (accepts(ctx, request, SET_EXTRAS_LENGTH)) {
                    set(ctx, request);
                }
            }
            case NOOP -> ctx.write(BinaryResponses.success(ctx.alloc(), request, 0), ctx.voidPromise());
            default -> ctx.write(BinaryResponses.error(ctx.alloc(), request, BinaryProtocol.UNKNOWN_COMMAND),
                    ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    /** A peer that resets its connection, or any other failure, ends that connection only. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void get(ChannelHandlerContext ctx, BinaryRequest request) {
        final Item item = store.get(request.key());
        if (item != null) {
            ctx.write(BinaryResponses.hit(ctx.alloc(), request, item), ctx.voidPromise());
        } else if (!BinaryProtocol.isQuiet(request.opcode())) {
            ctx.write(BinaryResponses.miss(ctx.alloc(), request), ctx.voidPromise());
        }
    }

    private void set(ChannelHandlerContext ctx, BinaryRequest request) {
        final Store.Status status = store.set(request.key(), request.flags(),
                Integer.toUnsignedLong(request.expiration()), request.value(), request.cas());
        if (status != Store.Status.OK) {
            ctx.write(BinaryResponses.error(ctx.alloc(), request, statusOf(status)), ctx.voidPromise());
        } else if (!BinaryProtocol.isQuiet(request.opcode())) {
            ctx.write(BinaryResponses.success(ctx.alloc(), request, store.lastCas()), ctx.voidPromise());
        }
    }

    /** memcached's checks before running a keyed command; on failure the error, then close. */
    private static boolean accepts(ChannelHandlerContext ctx, BinaryRequest request, int extrasLength) {
        final int keyLength = request.key().length;
        if (request.extrasLength() == extrasLength && keyLength > 0 && keyLength <= Store.MAX_KEY_LENGTH) {
            return true;
        }
        ctx.writeAndFlush(BinaryResponses.error(ctx.alloc(), request, BinaryProtocol.INVALID_ARGUMENTS))
                .addListener(ChannelFutureListener.CLOSE);
        return false;
    }

    private static int statusOf(Store.Status status) {
        return switch (status) {
            case OK -> BinaryProtocol.NO_ERROR;
            case NOT_FOUND -> BinaryProtocol.KEY_NOT_FOUND;
            case EXISTS -> BinaryProtocol.KEY_EXISTS;
            case TOO_LARGE -> BinaryProtocol.VALUE_TOO_LARGE;
            case NOT_STORED -> BinaryProtocol.ITEM_NOT_STORED;
            case NON_NUMERIC -> BinaryProtocol.NON_NUMERIC;
        };
    }
}
