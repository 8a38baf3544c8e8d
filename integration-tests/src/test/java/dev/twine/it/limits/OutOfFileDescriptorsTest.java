package dev.twine.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.ExampleProcess;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged memcached example run with a handful of file descriptors ({@code ulimit -n}), then
 * given more clients than it can hold: {@code accept} fails with "Too many open files" ({@code
 * EMFILE}), and the server pauses accepting — it neither dies nor spins on the connection waiting
 * in its backlog — and serves that connection as soon as a client leaves and gives a descriptor
 * back.
 */
@Timeout(120)
class OutOfFileDescriptorsTest {

    /** Enough for the JVM (about 10 at rest) and a few dozen clients. */
    private static final int OPEN_FILES = 48;
    private static final String VERSION = "version\r\n";

    /** A client that asked for the version; {@code answered} once it has the reply. */
    private static final class Client implements AutoCloseable {
        final Socket socket;

        Client(ExampleProcess server) throws IOException {
            socket = new Socket(server.address().getAddress(), server.port());
            socket.getOutputStream().write(VERSION.getBytes(StandardCharsets.US_ASCII));
        }

        /** Waits up to {@code millis} for the reply; false if none came. */
        boolean answered(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                byte[] reply = new byte[64];
                int n = socket.getInputStream().read(reply);
                return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("VERSION ");
            } catch (SocketTimeoutException notYet) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void outOfFileDescriptorsTheServerPausesAcceptingAndResumesWhenOneIsFree() throws Exception {
        List<Client> served = new ArrayList<>();
        try (ExampleProcess server = ExampleProcess.startWithOpenFileLimit(OPEN_FILES, "memcached")) {
            Client waiting = null;
            try {
                for (int i = 0; i < 2 * OPEN_FILES && waiting == null; i++) {
                    Client client = new Client(server);
                    // A slow answer is only a busy machine until the server says it has paused accepting.
                    if (client.answered(2_000)
                            || (!server.stderr().contains("pausing accepts") && client.answered(30_000))) {
                        served.add(client);
                    } else {
                        waiting = client; // in the backlog: the server could not accept it
                    }
                }
                assertTrue(waiting != null, "the server ran out of descriptors within " + 2 * OPEN_FILES
                        + " clients");
                assertTrue(served.size() > 10, "it served a few dozen first: " + served.size());
                assertTrue(server.isAlive(), server.stderr());
                assertTrue(server.stderr().contains("failed; pausing accepts"), server.stderr());

                // Paused, not spinning: a loop retrying accept on the waiting connection would burn a core.
                long before = cpuTicks(server);
                Thread.sleep(1_000);
                long used = cpuTicks(server) - before;
                assertTrue(used < 50, "the server used " + used + " of 100 CPU ticks while it could not accept");

                served.remove(0).close();
                assertTrue(waiting.answered(10_000), "a descriptor came back and the waiting client was served");
                served.add(waiting);
                waiting = null;
                served.remove(0).close();
                served.remove(0).close();
                try (Client newcomer = new Client(server)) {
                    assertTrue(newcomer.answered(10_000), "and the next one too");
                }
                assertTrue(server.isAlive());
            } finally {
                if (waiting != null) {
                    waiting.close();
                }
                for (Client client : served) {
                    client.close();
                }
            }
        }
    }

    /** User plus system CPU time of the process so far, in clock ticks (1/100 s). */
    private static long cpuTicks(ExampleProcess server) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + server.pid() + "/stat"));
        // Fields after the command, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals("S", fields[0].equals("R") ? "S" : fields[0], "a running or sleeping process");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
