"""A client built from Twisted's own protocol classes, to check Twine's echo example from outside.

Connects to an echo server, sends messages from empty to 60 KB -- the whole stream framed for the
chosen framing and written in random slices, spread over several reactor turns -- and checks that
every message comes back, whole and in order, through Twisted's own receiver. Exits 0 and prints
"OK <n> messages" on success; prints what went wrong and exits 1 otherwise.

    python3 twisted_echo_client.py --port 7000 --framing int32|netstring|line [--seed 1]
"""

import argparse
import random
import struct
import sys

from twisted.internet import protocol, reactor
from twisted.protocols import basic

LIMIT = 1_000_000


def messages(rng, framing):
    sizes = [0, 1, 2, 3, 7, 100, 1000, 4095, 4096, 4097, 16384, 60_000]
    sizes += [rng.randrange(0, 60_001) for _ in range(24)]
    rng.shuffle(sizes)
    out = []
    for size in sizes:
        if framing == "line":
            # A line cannot hold its own delimiter; anything else goes.
            out.append(bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz 0123456789\t\x00\xff:,") for _ in range(size)))
        else:
            out.append(rng.randbytes(size))
    return out


def frame(framing, message):
    if framing == "int32":
        return struct.pack("!I", len(message)) + message
    if framing == "netstring":
        return b"%d:%s," % (len(message), message)
    return message + b"\r\n"


class Checker:
    """What every receiver shares: compare each echoed message with the next one expected."""

    def setup(self, expected, writes, rng):
        self.expected = list(expected)
        self.writes = writes
        self.rng = rng
        self.received = 0

    def connectionMade(self):
        self.sendSlices(0)

    def sendSlices(self, offset):
        # A few slices per reactor turn, so the bytes leave in many separate segments.
        for _ in range(self.rng.randrange(1, 4)):
            if offset >= len(self.writes):
                return
            size = self.rng.randrange(1, 9000)
            self.transport.write(self.writes[offset:offset + size])
            offset += size
        reactor.callLater(0, self.sendSlices, offset)

    def gotMessage(self, message):
        want = self.expected[self.received]
        if message != want:
            fail("message %d: sent %d bytes, got back %d bytes that differ" % (self.received, len(want), len(message)))
            return
        self.received += 1
        if self.received == len(self.expected):
            print("OK %d messages" % self.received)
            self.transport.loseConnection()
            reactor.callLater(0, reactor.stop)

    def connectionLost(self, reason):
        if self.received != len(self.expected):
            fail("connection lost after %d of %d messages: %s" % (self.received, len(self.expected), reason.getErrorMessage()))


class Int32Client(Checker, basic.Int32StringReceiver):
    MAX_LENGTH = LIMIT

    def stringReceived(self, string):
        self.gotMessage(string)

    def lengthLimitExceeded(self, length):
        fail("Twisted refused a %d-byte frame" % length)


class NetstringClient(Checker, basic.NetstringReceiver):
    MAX_LENGTH = LIMIT

    def connectionMade(self):
        Checker.connectionMade(self)

    def stringReceived(self, string):
        self.gotMessage(string)


class LineClient(Checker, basic.LineReceiver):
    MAX_LENGTH = LIMIT
    delimiter = b"\r\n"

    def lineReceived(self, line):
        self.gotMessage(line)

    def lineLengthExceeded(self, line):
        fail("Twisted refused a %d-byte line" % len(line))


CLIENTS = {"int32": Int32Client, "netstring": NetstringClient, "line": LineClient}
failures = []


def fail(why):
    if not failures:
        print("FAIL " + why)
    failures.append(why)
    if reactor.running:
        reactor.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--framing", choices=sorted(CLIENTS), required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    expected = messages(rng, args.framing)
    writes = b"".join(frame(args.framing, m) for m in expected)

    class Factory(protocol.ClientFactory):
        def buildProtocol(self, addr):
            p = CLIENTS[args.framing]()
            p.setup(expected, writes, rng)
            p.factory = self
            return p

        def clientConnectionFailed(self, connector, reason):
            fail("could not connect: " + reason.getErrorMessage())

    reactor.connectTCP(args.host, args.port, Factory())
    reactor.callLater(args.timeout, fail, "timed out after %ss" % args.timeout)
    reactor.run()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
