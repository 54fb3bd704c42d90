"""Run the stand-in as its own process.

    python -m bot.standin --app-id 1 --public-key app.pub.pem \
        --webhook-url http://127.0.0.1:8000/webhooks --webhook-secret s3cret \
        --repo octo/blog --user alice:write --port 0

Prints one JSON line (url, api_url, port, installations, repos) once it is listening.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .server import StandIn


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot.standin")
    p.add_argument("--app-id", type=int, required=True)
    p.add_argument(
        "--public-key", required=True, help="PEM file of the App's public key (or its private key)"
    )
    p.add_argument("--webhook-url")
    p.add_argument("--webhook-secret")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--root", help="where bare repos live (default: a temp dir, removed on exit)")
    p.add_argument("--repo", action="append", default=[], help="owner/name[:nonempty] (repeatable)")
    p.add_argument("--user", action="append", default=[], help="login[:permission] (repeatable)")
    args = p.parse_args(argv)

    pem = Path(args.public_key).read_text()
    if "PRIVATE KEY" in pem:
        from cryptography.hazmat.primitives import serialization

        key = serialization.load_pem_private_key(pem.encode(), password=None)
        pem = (
            key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )
    gh = StandIn(
        app_id=args.app_id,
        public_key_pem=pem,
        webhook_url=args.webhook_url,
        webhook_secret=args.webhook_secret,
        host=args.host,
        port=args.port,
        root=args.root,
    )
    for spec in args.repo:
        name, _, flag = spec.partition(":")
        gh.create_repo(name, empty=flag != "nonempty")
    for spec in args.user:
        login, _, perm = spec.partition(":")
        gh.add_user(login, permission=perm or "write")
    gh.start()
    info = {
        "url": gh.url,
        "api_url": gh.api_url,
        "port": gh.port,
        "repos": [r.full_name for r in gh.state.repos.values()],
        "installations": {i.account: i.id for i in gh.state.installations.values()},
    }
    print(json.dumps(info), flush=True)
    import signal
    import threading

    done = threading.Event()
    # set an Event from the handlers: an exception raised inside Thread.join can leave the
    # thread looking finished (CPython 3.11), and then stop() would close the socket under uvicorn
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    while not done.wait(0.5):
        if gh._thread is None or not gh._thread.is_alive():
            break
    gh.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
