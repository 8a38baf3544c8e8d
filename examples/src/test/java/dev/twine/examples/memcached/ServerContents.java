package dev.twine.examples.memcached;

import dev.twine.runtime.Scheduler;
import dev.twine.testing.MemoryPipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The end of a simulation: what the server holds, read over a fresh in-memory connection, against
 * what the {@link ItemModel} allows.
 *
 * <p>A conversation whose last commands failed (timed out, or were cut off by a reset) leaves
 * their fate unknown. One connection delivers in order, so the server ran some prefix of them: the
 * contents must be the model's after one such prefix — after all of them if the connection is still
 * open, since the network then delivered everything.
 */
final class ServerContents {

    private ServerContents() {}

    /** The item under each of {@code keys}, as {@code "flags=F value=\"V\""} or {@code KEY_NOT_FOUND}. */
    static Map<String, String> read(MemcachedServer server, Scheduler scheduler, List<String> keys) {
        MemcachedClient reader = new MemcachedClient(scheduler, Duration.ofSeconds(1));
        MemoryPipe pipe = MemoryPipe.connect(reader, server.factory().newProtocol());
        Map<String, String> contents = new TreeMap<>();
        for (String key : keys) {
            reader.get(key).addCallbacks(result -> contents.put(key, result.isOk()
                    ? describe(new ItemModel.Item(result.valueString(), result.flags()))
                    : result.status().toString()), failure -> contents.put(key, "failed: " + failure));
        }
        pipe.flush();
        reader.close();
        pipe.flush();
        return contents;
    }

    /** The model's items under {@code keys}, as {@link #read} describes the server's. */
    static Map<String, String> of(ItemModel model, List<String> keys) {
        Map<String, String> contents = new TreeMap<>();
        for (String key : keys) {
            ItemModel.Item item = model.get(key);
            contents.put(key, item == null ? McStatus.KEY_NOT_FOUND.toString() : describe(item));
        }
        return contents;
    }

    /**
     * Checks the server's contents under {@code keys} against the model followed by some prefix of
     * {@code unknownFate} — all of it if {@code allDelivered}.
     *
     * @return {@code null} if they match, otherwise what was found and what was allowed
     */
    static String mismatch(MemcachedServer server, Scheduler scheduler, List<String> keys, ItemModel model,
            List<Consumer<ItemModel>> unknownFate, boolean allDelivered) {
        Map<String, String> actual = read(server, scheduler, keys);
        ItemModel trial = model.copy();
        List<Map<String, String>> allowed = new ArrayList<>();
        allowed.add(of(trial, keys));
        for (Consumer<ItemModel> command : unknownFate) {
            command.accept(trial);
            allowed.add(of(trial, keys));
        }
        if (allDelivered) {
            allowed = allowed.subList(allowed.size() - 1, allowed.size());
        }
        return allowed.contains(actual) ? null : "the server holds " + actual + ", but the model allows only "
                + allowed;
    }

    private static String describe(ItemModel.Item item) {
        return "flags=" + item.flags() + " value=\"" + item.value() + "\"";
    }
}
