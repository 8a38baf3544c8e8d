package dev.twine.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A well-behaved memcached text-protocol client on a blocking socket: one request, then its reply. */
public final class TextClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];

    public TextClient(InetSocketAddress server) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(server, 10_000);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends {@code request} and reads until the reply ends with {@code end}; returns the reply. */
    public String call(String request, String end) throws IOException {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        StringBuilder reply = new StringBuilder();
        while (!endsWith(reply, end)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection; got so far: " + reply);
            }
            reply.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        }
        return reply.toString();
    }

    private static boolean endsWith(StringBuilder text, String end) {
        int from = text.length() - end.length();
        return from >= 0 && text.indexOf(end, from) == from;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
