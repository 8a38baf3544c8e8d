package dev.twine.testing;

import dev.twine.runtime.DelayedCall;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;

/**
 * One connection of a {@link SimulatedNetwork}, between a client protocol and a server protocol:
 * their two transports, and a way to break it.
 *
 * <pre>{@code
 * SimulatedConnection connection = network.connect(client, server);
 * client.send("hello");
 * network.advance(Duration.ofMillis(2));
 * connection.reset(connection.server());   // the server hears LOST now, the client when it arrives
 * network.runUntilIdle();
 * }</pre>
 */
public final class SimulatedConnection {

    private static final int SERVER_PORT = 7000;
    private static final int FIRST_CLIENT_PORT = 40000;

    private final SimulatedNetwork network;
    private final int id;
    private final MemoryTransport client;
    private final MemoryTransport server;
    private final SimulatedStream toServer;
    private final SimulatedStream toClient;
    private DelayedCall plannedReset;
    private boolean opened;
    private boolean wasReset;

    SimulatedConnection(SimulatedNetwork network, int id, Protocol clientProtocol, Protocol serverProtocol) {
        this.network = network;
        this.id = id;
        InetSocketAddress clientAddress = new InetSocketAddress("127.0.0.1",
                FIRST_CLIENT_PORT + (id - 1) % (65536 - FIRST_CLIENT_PORT));
        InetSocketAddress serverAddress = new InetSocketAddress("127.0.0.1", SERVER_PORT);
        MemoryTransport.Carrier carrier = new MemoryTransport.Carrier() {
            @Override
            public void wake() {
                network.wake();
            }

            @Override
            public void closed(MemoryTransport side) {
                (side == client ? toServer : toClient).end();
                network.wake();
            }
        };
        this.client = new MemoryTransport(this + ".client", clientProtocol, clientAddress, serverAddress, carrier);
        this.server = new MemoryTransport(this + ".server", serverProtocol, serverAddress, clientAddress, carrier);
        this.toServer = new SimulatedStream(network, this + " client->server", client, server);
        this.toClient = new SimulatedStream(network, this + " server->client", server, client);
        toServer.pairWith(toClient);
        toClient.pairWith(toServer);
    }

    /** Both sides hear {@code onConnect}, server first; a reset is planned if the dice say so. */
    void open() {
        opened = true;
        server.connect();
        client.connect();
        NetworkConditions conditions = network.conditions();
        if (conditions.resetProbability() > 0 && network.chance(conditions.resetProbability())) {
            long at = network.uniform(0, conditions.resetWithin().toNanos());
            Transport side = network.chance(0.5) ? client : server;
            plannedReset = network.clock().callLater(Duration.ofNanos(at), () -> reset(side));
            if (network.isTracing()) {
                network.trace(this + " will be reset at the " + (side == client ? "client" : "server") + " at "
                        + SimulatedNetwork.millis(network.clock().nanoTime() + at));
            }
        }
    }

    /** This connection's number in its network, from 1, in the order connections were made. */
    public int id() {
        return id;
    }

    /** The client protocol's transport. */
    public Transport client() {
        return client;
    }

    /** The server protocol's transport. */
    public Transport server() {
        return server;
    }

    /**
     * Breaks the connection at {@code side}, as a reset does: that side's protocol hears
     * {@link dev.twine.runtime.CloseReason.Kind#LOST LOST} (a {@link SocketException}) at once,
     * dropping whatever it had not sent; the other side hears it when the reset arrives, behind what
     * was already on its way, dropping whatever it had not read. Nothing happens if {@code side} is
     * already closed.
     *
     * @param side {@link #client()} or {@link #server()}
     */
    public void reset(Transport side) {
        if (side != client && side != server) {
            throw new IllegalArgumentException(side + " is not a side of " + this);
        }
        MemoryTransport at = (MemoryTransport) side;
        if (!at.isClosed()) {
            wasReset = true;
            if (network.isTracing()) {
                network.trace(this + " reset at the " + (side == client ? "client" : "server"));
            }
            at.lose(new SocketException("Connection reset"));
        }
    }

    /**
     * True if a reset broke this connection — planned, or by {@link #reset} — while a side was still
     * open: then bytes sent may have been lost. Otherwise every byte sent before a close arrived.
     */
    public boolean wasReset() {
        return wasReset;
    }

    /** True once both protocols have heard {@code onClose}. */
    public boolean isClosed() {
        return client.closeNotified() && server.closeNotified();
    }

    /** One round of work in both directions and for both protocols; true if anything happened. */
    boolean step() {
        if (!opened) {
            open();
            return true;
        }
        boolean acted = toServer.step() | toClient.step();
        return notify(client) | notify(server) | acted;
    }

    private boolean notify(MemoryTransport side) {
        boolean wasNotified = side.closeNotified();
        boolean acted = side.notifyProtocol();
        if (!wasNotified && side.closeNotified() && network.isTracing()) {
            network.trace(side + " hears onClose(" + side.reason() + ")");
        }
        return acted;
    }

    /**
     * If the connection is closed on both sides with nothing left on its way, cancels its planned
     * reset and returns true: the network can forget it.
     */
    boolean retireIfFinished() {
        if (isClosed() && toServer.isQuiet() && toClient.isQuiet()) {
            if (plannedReset != null) {
                plannedReset.cancel();
            }
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "#" + id;
    }
}
