package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.examples.EchoServer.Framing;
import dev.twine.examples.SeedServerTest.Client;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ReactorGroup;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EchoServerTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The same three messages ("", "hi", "a,b:c") framed by hand for each framing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INT32     | \\0\\0\\0\\0\\0\\0\\0\\2hi\\0\\0\\0\\5a,b:c",
        "NETSTRING | 0:,2:hi,5:a,b:c,",
        "LINE      | \\r\\nhi\\r\\na,b:c\\r\\n",
    })
    void echoesEveryFrameFramedTheSameWay(Framing framing, String escaped) {
        byte[] wire = ascii(escaped.replace("\\0", "\0").replace("\\2", "\2").replace("\\5", "\5")
                .replace("\\r", "\r").replace("\\n", "\n"));
        for (int size = 1; size <= wire.length; size++) {
            Client client = new Client();
            MemoryPipe pipe = MemoryPipe.connect(client, new EchoServer(framing, 100).factory().newProtocol(),
                    Chunking.fixed(size));
            client.transport.write(wire);
            pipe.flush();
            assertArrayEquals(wire, client.received.toByteArray(), framing + ", reads of " + size);
        }
    }

    @Test
    void aFrameOverTheLimitClosesTheConnection() {
        Client client = new Client();
        MemoryPipe pipe = MemoryPipe.connect(client, new EchoServer(Framing.LINE, 4).factory().newProtocol());
        client.transport.write(ascii("four\r\n"));
        pipe.flush();
        assertEquals("four\r\n", new String(client.received.toByteArray(), StandardCharsets.ISO_8859_1));
        client.transport.write(ascii("five!\r\n"));
        pipe.flush();
        assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind(), "the server aborted it");
    }

    /** On a group, as {@code echo --threads 2} runs: connections on both reactors, all echoed. */
    @Test
    @Timeout(60)
    void onAReactorGroupEveryConnectionIsEchoed() throws IOException {
        try (ReactorGroup group = ReactorGroup.start(2, "echo-test")) {
            InetSocketAddress address = EchoServer.listen(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    Framing.INT32, 100).localAddress();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket socket = new Socket(address.getAddress(), address.getPort());
                    socket.setSoTimeout(20_000);
                    sockets.add(socket);
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    out.writeInt(7);
                    out.write(ascii("hello " + i));
                }
                for (int i = 0; i < sockets.size(); i++) {
                    DataInputStream in = new DataInputStream(sockets.get(i).getInputStream());
                    assertEquals(7, in.readInt());
                    byte[] body = new byte[7];
                    in.readFully(body);
                    assertEquals("hello " + i, new String(body, StandardCharsets.ISO_8859_1));
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void framingNamesAreParsedAsOnTheCommandLine() {
        assertEquals(Framing.NETSTRING, Framing.parse("netstring"));
        assertEquals(Framing.INT32, Framing.parse("Int32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Framing.parse("xml"));
        assertEquals("unknown framing 'xml': use int32, netstring or line", e.getMessage());
    }
}
