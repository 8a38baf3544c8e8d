package dev.twine.examples;

import dev.twine.runtime.Reactor;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * {@code java -jar twine-examples.jar <example> [options]}: runs one example server on a reactor
 * in the foreground, printing {@code listening on HOST:PORT} once it accepts connections.
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar twine-examples.jar <example> [options]

            examples:
              seed --port P [--host H]
                  the founding example: a connection table and a shared counter over
                  4-byte length-prefixed frames (type 0 counts, type 1 asks for the total)
              echo --port P [--host H] [--framing int32|netstring|line] [--max-length N]
                  echoes every frame back, framed the same way (default int32;
                  line means CRLF-terminated lines; N defaults to 1048576 bytes)

            --port 0 picks a free port; --host defaults to 127.0.0.1.
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the example the arguments name; returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Reactor reactor = Reactor.open();
        try {
            InetSocketAddress bound = switch (args[0]) {
                case "seed" -> {
                    CommandLine options = new CommandLine(args, 1, Set.of("port", "host"));
                    yield new SeedServer().listen(reactor, options.listenAddress());
                }
                case "echo" -> {
                    CommandLine options = new CommandLine(args, 1, Set.of("port", "host", "framing", "max-length"));
                    EchoServer server = new EchoServer(EchoServer.Framing.parse(options.get("framing", "int32")),
                            options.intValue("max-length", 1 << 20, 1, Integer.MAX_VALUE));
                    yield reactor.listenTcp(options.listenAddress(), server.factory()).localAddress();
                }
                default -> throw new CommandLine.UsageException("unknown example '" + args[0] + "'");
            };
            out.println("listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort());
            out.flush();
        } catch (CommandLine.UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            reactor.close();
            return 2;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            reactor.close();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(reactor), "twine-shutdown"));
        reactor.run();
        return 0;
    }

    private static void stopQuietly(Reactor reactor) {
        try {
            reactor.callFromThread(reactor::stop);
        } catch (IllegalStateException alreadyClosed) {
            // Nothing left to stop.
        }
    }
}
