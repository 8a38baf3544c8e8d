"""The Twisted peer of Twine's echo comparison: Twisted's own Int32StringReceiver, echoing.

Run by the comparison under Debian's /usr/bin/python3 (where python3-twisted installs):

    /usr/bin/python3 twisted_echo_server.py PORT MAX_BODY_BYTES

It prints "listening on HOST:PORT" once it accepts connections and runs until it is stopped.
"""
import sys

from twisted.internet import protocol, reactor
from twisted.protocols import basic

HOST = "127.0.0.1"


class Echo(basic.Int32StringReceiver):
    def connectionMade(self):
        # The other servers disable Nagle's algorithm too.
        self.transport.setTcpNoDelay(True)

    def stringReceived(self, body):
        self.sendString(body)


def main(port, max_body):
    factory = protocol.ServerFactory.forProtocol(Echo)
    # The same body limit as every other server in the comparison (Twisted's default is 99999).
    Echo.MAX_LENGTH = max_body
    listening = reactor.listenTCP(port, factory, backlog=1024, interface=HOST)
    print("listening on %s:%d" % (HOST, listening.getHost().port), flush=True)
    reactor.run()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
