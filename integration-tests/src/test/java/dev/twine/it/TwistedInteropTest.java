package dev.twine.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The echo example against Twisted's own {@code Int32StringReceiver}, {@code NetstringReceiver} and
 * {@code LineReceiver}: a peer nobody on this team wrote. Messages from empty to 60 KB, written in
 * random slices; see {@code src/test/python/twisted_echo_client.py}.
 *
 * <p>Needs a Python 3 with Twisted (Debian's {@code python3-twisted}, which {@code .ci/run}
 * installs). Without one the test fails and says so: skipping would prove nothing.
 */
@Timeout(180)
class TwistedInteropTest {

    private static String python;

    @BeforeAll
    static void findPythonWithTwisted() throws Exception {
        // Debian's python3 first: it is the one python3-twisted installs into, and it may not be
        // the first python3 on PATH.
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import twisted").redirectErrorStream(true).start();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    python = candidate;
                    return;
                }
            } catch (IOException notThere) {
                // try the next
            }
        }
        throw new AssertionError("no python3 with Twisted found: install Debian's python3-twisted"
                + " (apt-get install -y python3-twisted; .ci/run does)");
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({"int32, 1", "int32, 2", "netstring, 1", "netstring, 2", "line, 1", "line, 2"})
    void twistedClientsGetEveryMessageBack(String framing, int seed) throws Exception {
        Path script = Path.of(System.getProperty("twine.python.scripts", "src/test/python"), "twisted_echo_client.py");
        try (ExampleProcess server = ExampleProcess.start("echo", "--framing", framing)) {
            Process client = new ProcessBuilder(python, script.toString(), "--port", Integer.toString(server.port()),
                    "--framing", framing, "--seed", Integer.toString(seed))
                    .redirectErrorStream(true).start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(120, TimeUnit.SECONDS), "the Twisted client hung: " + output);
            assertEquals(0, client.exitValue(), "Twisted client: " + output + "\nserver stderr: " + server.stderr());
            assertTrue(output.startsWith("OK 36 messages"), output);
            assertTrue(Files.exists(script));
        }
    }
}
