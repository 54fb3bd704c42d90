"""A TCP port on 127.0.0.1 that forwards to a sandboxed app's unix socket.

The sandbox serves a generated app on a unix socket only (`sandbox.serve_app_socket`); clients
that speak to a base URL — schemathesis (requests), the acceptance tests run by pytest in a
subprocess — reach it through this bridge. Bytes are copied both ways, unchanged, one thread pair
per connection. I/O: a listening loopback socket and connections to the app's socket.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

_CHUNK = 65536  # bytes read at a time from either side


def _pump(src: socket.socket, dst: socket.socket) -> None:
    """Copy src to dst until src closes, then half-close dst so the other side sees EOF."""
    with contextlib.suppress(OSError):
        while data := src.recv(_CHUNK):
            dst.sendall(data)
    with contextlib.suppress(OSError):
        dst.shutdown(socket.SHUT_WR)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    target = ""  # the unix socket path, set before serving


class _Forward(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        app = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            app.connect(self.server.target)
        except OSError:
            app.close()
            return  # the app is gone: the client sees the connection close
        back = threading.Thread(target=_pump, args=(app, self.request), daemon=True)
        back.start()
        _pump(self.request, app)
        back.join()
        app.close()


@contextlib.contextmanager
def tcp_bridge(sock: Path) -> Iterator[str]:
    """Yield "http://127.0.0.1:PORT", forwarding every connection to the unix socket `sock`."""
    server = _Server(("127.0.0.1", 0), _Forward)
    server.target = str(sock)
    thread = threading.Thread(target=server.serve_forever, name="bridge", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
