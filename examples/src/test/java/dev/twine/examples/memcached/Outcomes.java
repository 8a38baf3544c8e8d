package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.runtime.Deferred;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Records, in the order the requests ended, what each named request came to. */
final class Outcomes {

    /** One line per request that ended: its name and what it got. */
    final List<String> log = new ArrayList<>();
    final Map<String, McResult> results = new HashMap<>();
    final Map<String, Throwable> failures = new HashMap<>();

    /** Records, under {@code name}, how {@code request} ends. */
    void named(String name, Deferred<McResult> request) {
        request.addCallbacks(result -> {
            results.put(name, result);
            log.add(name + ": " + describe(result));
            return null;
        }, failure -> {
            failures.put(name, failure);
            log.add(name + ": failed, " + failure.getClass().getSimpleName());
            return null;
        });
    }

    /** A result without its CAS: status, then what it carries; bytes that are not text as hex. */
    static String describe(McResult result) {
        StringBuilder out = new StringBuilder(result.status().name());
        if (result.flags() != 0) {
            out.append(" flags=").append(result.flags());
        }
        if (result.key().length > 0) {
            out.append(" key=").append(result.keyString());
        }
        if (result.value().length > 0) {
            out.append(" value=").append(printable(result.value())
                    ? new String(result.value(), ISO_8859_1) : "0x" + HexFormat.of().formatHex(result.value()));
        }
        return out.toString();
    }

    private static boolean printable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
