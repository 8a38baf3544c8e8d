package dev.twine.examples;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one example, checked against the names it accepts. */
final class CommandLine {

    /** Thrown for a command line that cannot be run; the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();

    CommandLine(String[] args, int from, Set<String> accepted) throws UsageException {
        for (int i = from; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !accepted.contains(name.substring(2))) {
                throw new UsageException("unknown option '" + name + "'");
            }
            if (i + 1 == args.length) {
                throw new UsageException("option " + name + " needs a value");
            }
            values.put(name.substring(2), args[i + 1]);
        }
    }

    /** The listen address of an example that takes no other options, from {@code args[from]} on. */
    static InetSocketAddress listenAddressOnly(String[] args, int from) throws UsageException {
        return new CommandLine(args, from, Set.of("port", "host")).listenAddress();
    }

    String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    int intValue(String name, int otherwise, int min, int max) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a number, not '" + value + "'");
        }
    }

    /** {@code --host} (default 127.0.0.1) and {@code --port} (required; 0 picks a free one). */
    InetSocketAddress listenAddress() throws UsageException {
        if (!values.containsKey("port")) {
            throw new UsageException("--port is required (0 picks a free port)");
        }
        int port = intValue("port", 0, 0, 65535);
        String host = get("host", "127.0.0.1");
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException("cannot resolve --host " + host);
        }
    }
}
