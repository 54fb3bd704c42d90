from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.standin.fixtures import *  # noqa: F403
from tests.standin.fixtures import GITHUB_WEBHOOK_SECRET  # noqa: F401


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self):  # noqa: ANN201
        return json.loads(self.body)


@dataclass
class Receiver:
    url: str
    received: list[Received] = field(default_factory=list)
    status: int = 202


@pytest.fixture
def webhook_receiver() -> Iterator[Receiver]:
    """A bare HTTP endpoint standing in for the bot: records every delivery, answers 202."""
    receiver = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            receiver.received.append(Received(self.path, dict(self.headers.items()), body))
            self.send_response(receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/webhooks"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def gh(github_standin, webhook_receiver):  # noqa: ANN001, ANN201
    """The stand-in wired to the receiver, with octo/blog (empty) and users of each kind."""
    github_standin.webhook_url = webhook_receiver.url
    github_standin.create_repo("octo/blog")
    github_standin.add_user("alice", permission="write")
    github_standin.add_user("mallory")  # no access
    github_standin.add_user("rita", permission="read")
    return github_standin
