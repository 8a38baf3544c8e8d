package dev.twine.benchmarks.echo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The blocking peer of the echo comparison: one virtual thread per connection, reading a frame and
 * writing it back with plain {@code java.io} streams — the code a Java 21+ user writes when told
 * that virtual threads make blocking I/O scale.
 *
 * <p>It must run on Java 21 or later (the comparison uses the Temurin 25 JDK), while this module
 * compiles with {@code --release 17}. The one Java 21 call, {@code
 * Executors.newVirtualThreadPerTaskExecutor()}, is therefore looked up reflectively; everything
 * else is Java 17 API. That keeps the server compiled and shipped with the rest of the module, so
 * the build checks it and the benchmark jar alone runs it, rather than a loose source file that
 * only fails when the comparison starts it.
 *
 * <p>Each reply is flushed as soon as it is written, as a blocking request/response server does;
 * the load is closed-loop, so there is never a second request waiting whose reply could share the
 * flush.
 *
 * <pre>java -cp twine-benchmarks.jar dev.twine.benchmarks.echo.VirtualThreadEchoServer PORT MAX_BODY_BYTES</pre>
 */
public final class VirtualThreadEchoServer {

    private static final int STREAM_BUFFER = 64 * 1024;

    private VirtualThreadEchoServer() {}

    public static void main(String[] args) throws IOException {
        final int port = Integer.parseInt(args[0]);
        final int maxBody = Integer.parseInt(args[1]);
        // Runs until the comparison stops the process, so the executor is never shut down.
        final ExecutorService perConnection = virtualThreadPerTaskExecutor();
        try (ServerSocket listener = new ServerSocket(port, EchoPeer.BACKLOG, InetAddress.getByName(EchoPeer.HOST))) {
            while (true) {
                final Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                perConnection.execute(() -> echo(socket, maxBody));
            }
        }
    }

    private static void echo(Socket socket, int maxBody) {
        try (socket;
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), STREAM_BUFFER));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), STREAM_BUFFER))) {
            byte[] body = new byte[256];
            while (true) {
                final int length = in.readInt();
                if (length < 0 || length > maxBody) {
                    return; // as the other servers do: a frame over the limit closes the connection
                }
                if (length > body.length) {
                    body = new byte[length];
                }
                in.readFully(body, 0, length);
                out.writeInt(length);
                out.write(body, 0, length);
                out.flush();
            }
        } catch (EOFException closedByClient) {
            // The load client is done with this connection.
        } catch (IOException e) {
            // Reset by the client at the end of a run; nothing to report.
        }
    }

    private static ExecutorService virtualThreadPerTaskExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is Java "
                    + Runtime.version().feature(), e);
        }
    }
}
