package dev.twine.it.memcached;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libmemcached's conformance checker, {@code memccapable} (Debian's {@code libmemcached-tools};
 * older builds call it {@code memcapable}), run against one server in one protocol.
 */
final class Memccapable {

    /** The protocol to check, and the flag that makes memccapable check only it. */
    enum Protocol {
        ASCII("-a"),
        BINARY("-b");

        final String flag;

        Protocol(String flag) {
            this.flag = flag;
        }
    }

    /**
     * A test's name, then whatever it printed, then its verdict. Under {@code -v} its stderr is
     * interleaved, so a name may follow the last assertion's text on the same line
     * ({@code ...== 0ascii quit}).
     */
    private static final Pattern VERDICT =
            Pattern.compile("(?<![a-z_])((?:ascii|binary) [a-z]+(?: noreply)?) +(?s:.*?)\\[(pass|FAIL|skipped)\\]");

    /**
     * What one run said.
     *
     * @param verdicts each test's name and verdict ({@code pass}, {@code FAIL} or {@code skipped}),
     *     in the order they ran
     * @param output   stdout and stderr together, as a person running it would read them
     */
    record Report(int exitCode, Map<String, String> verdicts, String output) {

        /** Whether it ran at least one test, and every test it ran passed. */
        boolean allPassed() {
            return exitCode == 0 && !verdicts.isEmpty() && verdicts.values().stream().allMatch("pass"::equals);
        }

        /** The tests that did not pass, for a failure message. */
        List<String> notPassed() {
            return verdicts.entrySet().stream().filter(e -> !e.getValue().equals("pass"))
                    .map(e -> e.getKey() + " [" + e.getValue() + "]").toList();
        }
    }

    private Memccapable() {}

    /**
     * Runs every test of {@code protocol} against {@code server}, verbosely (the assertion that
     * failed is printed), with a 10-second timeout on each I/O (generous for a busy machine) so that a server that does not answer
     * fails the test rather than hanging it.
     */
    static Report run(InetSocketAddress server, Protocol protocol) throws IOException, InterruptedException {
        String tool = Executables.find("libmemcached-tools", "memccapable", "memcapable");
        Path output = Files.createTempFile("memccapable", ".txt");
        try {
            Process process = new ProcessBuilder(tool, "-h", server.getAddress().getHostAddress(), "-p",
                    Integer.toString(server.getPort()), protocol.flag, "-v", "-t", "10")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("memccapable hung; its output so far:\n" + Files.readString(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Map<String, String> verdicts = new LinkedHashMap<>();
            Matcher m = VERDICT.matcher(text);
            while (m.find()) {
                verdicts.put(m.group(1), m.group(2));
            }
            return new Report(process.exitValue(), verdicts, text);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
