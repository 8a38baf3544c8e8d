package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Callbacks that record, in the order they were called, what each named request came to. */
final class Outcomes {

    /** One line per callback call: the request's name and what it got. */
    final List<String> log = new ArrayList<>();
    final Map<String, McResult> results = new HashMap<>();
    final Map<String, Exception> failures = new HashMap<>();

    /** A callback for the request called {@code name}. */
    McCallback named(String name) {
        return new McCallback() {
            @Override
            public void onResult(McResult result) {
                results.put(name, result);
                log.add(name + ": " + describe(result));
            }

            @Override
            public void onFailure(Exception cause) {
                failures.put(name, cause);
                log.add(name + ": failed, " + cause.getClass().getSimpleName());
            }
        };
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
