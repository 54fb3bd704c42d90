"""`codebegen demo`: the whole loop on this machine, and what it did. I/O: everything, locally.

    codebegen demo                      # examples/blog.md as the issue
    codebegen demo --spec my-api.md --keep

Starts the local GitHub stand-in (bot/standin), the webhook app
on loopback, and a worker; creates an empty repository `octo/api` with the App installed; opens an
issue from the spec as a user with write access; runs the jobs; and prints the progress comment,
the pull request, the check run, the review, and where the project was pushed. The Redis database
it uses is flushed before and after (default db 15).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import socket
import subprocess  # noqa: S404 - cloning the demo's own local repository
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from redis import Redis
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from bot.app import create_app
from bot.config import Settings
from bot.github import GitHubApp
from bot.gitops import GitOps, token_env
from bot.standin import StandIn, generate_app_key
from pipeline.errors import UserError
from worker import context, queues
from worker.ports import GitAuthor
from worker.progress import read_marker

REPO = "octo/api"
USER = "alice"
SECRET = "demo-webhook-secret"  # noqa: S105 - the stand-in and the bot share it, on loopback


class BackgroundServer:
    """An ASGI app served by uvicorn on a loopback port, in a daemon thread."""

    def __init__(self, app: FastAPI, *, host: str = "127.0.0.1") -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.url = f"http://{host}:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)  # off the main thread it leaves signals alone
        self.thread = threading.Thread(
            target=lambda: asyncio.run(self.server.serve(sockets=[self.sock])), daemon=True
        )

    def __enter__(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the webhook app did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


# The issue the demo opens when no --spec is given: the seed's blog request, the same text as
# examples/blog.md (a test keeps them equal), so the demo also runs where codebegen was installed
# with `pip install .` and there is no checkout.
DEMO_ISSUE = (
    "Build a blog API with posts, comments, and user authentication. Use FastAPI, PostgreSQL, "
    "and JWT. Include file upload for post images and an admin dashboard with RBAC.\n"
)


def run_demo(args: argparse.Namespace) -> int:
    if args.spec is not None and not args.spec.is_file():
        raise UserError(
            f"{args.spec} does not exist.", hint="Pass --spec FILE with an API description."
        )
    text = args.spec.read_text(encoding="utf-8") if args.spec else DEMO_ISSUE
    name = (args.spec.stem if args.spec else "blog").replace("-", " ").replace("_", " ")
    source = str(args.spec) if args.spec else "the blog example (examples/blog.md)"
    redis = Redis.from_url(args.redis_url)
    redis.flushdb()
    key = generate_app_key()
    with tempfile.TemporaryDirectory(prefix="codebegen-demo-") as tmp:
        gh = StandIn(
            app_id=1,
            public_key_pem=key.public_pem,
            private_key_pem=key.private_pem,
            webhook_secret=SECRET,
            root=Path(tmp) / "github",
        )
        settings = Settings.model_validate(
            {
                "app_id": 1,
                "private_key": key.private_pem,
                "webhook_secret": SECRET,
                "environment": "development",
                "redis_url": args.redis_url,
            }
        )
        try:
            with gh, BackgroundServer(create_app(settings, redis=redis)) as bot:
                issue = Issue(f"/codebegen {name} API", text, source)
                return _demo(gh, bot, redis, issue, Path(tmp), keep=args.keep)
        finally:
            context.uninstall()
            redis.flushdb()


@dataclass(frozen=True)
class Issue:
    title: str
    body: str
    source: str  # where the body came from, for the person watching


def _demo(
    gh: StandIn, bot: BackgroundServer, redis: Redis, issue: Issue, tmp: Path, *, keep: bool
) -> int:
    gh.webhook_url = f"{bot.url}/webhooks"
    key_pem = gh.private_key_pem
    assert key_pem is not None  # run_demo made the stand-in with the App's key
    gh.create_repo(REPO)  # empty, like a repository just made for a new backend
    gh.add_user(USER, permission="write")
    context.install(
        context.Context(
            github=GitHubApp(app_id=gh.app.id, private_key=key_pem, base_url=gh.api_url),
            git=GitOps(),
            redis=redis,
            workdir=tmp / "work",
            author=GitAuthor(gh.bot_login, f"{gh.bot_login}@users.noreply.github.com"),
            bot_login=gh.bot_login,
        )
    )
    say(f"GitHub stand-in: {gh.url}   webhook app: {bot.url}/webhooks")
    say(f"{USER} opens an issue in {REPO}: {issue.title!r} with {issue.source} as its body")
    started = time.monotonic()
    opened = gh.open_issue(REPO, issue.title, issue.body, user=USER)
    answered = gh.last_delivery.status if gh.last_delivery is not None else "nothing"
    say(f"webhook answered {answered}; running the jobs ...")
    _run_jobs(redis)
    if not gh.pulls(REPO) and _asked(gh, opened.number):
        # codebegen asked instead of guessing; the person here says "build on your guesses".
        say(f"codebegen asked questions on #{opened.number} (below); {USER} answers /codebegen go")
        gh.comment(REPO, opened.number, "/codebegen go", user=USER)
        _run_jobs(redis)
    took = time.monotonic() - started
    return _report(gh, opened.number, took, tmp, keep=keep)


def _run_jobs(redis: Redis) -> None:
    SimpleWorker(
        [queues.queue(q, connection=redis) for q in queues.LISTEN_ORDER],
        connection=redis,
        serializer=JSONSerializer,
    ).work(burst=True, logging_level="WARNING")


def _asked(gh: StandIn, number: int) -> bool:
    return any(
        (read_marker(c.body, "progress") or {}).get("state") == "questions"
        for c in gh.bot_comments(REPO, number)
    )


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


_MARKER = re.compile(r"^<!-- codebegen:[^>]*-->\n?", re.M)


def shown(body: str) -> str:
    """A comment or PR body as GitHub renders it: the hidden codebegen markers left out."""
    return _MARKER.sub("", body)


def _report(gh: StandIn, number: int, took: float, tmp: Path, *, keep: bool) -> int:
    comments = gh.bot_comments(REPO, number)
    say(f"reactions on #{number}: {' '.join(gh.reactions(REPO, number)) or 'none'}")
    for c in comments:
        say(f"comment by {c.user} on #{number} (edited {len(c.history) - 1} times):")
        print(shown(c.body))
    pulls = gh.pulls(REPO)
    if not pulls:
        say("no pull request was opened")
        return 1
    pr = pulls[0]
    draft = " (draft)" if pr.draft else ""
    say(f"pull request #{pr.number}{draft}: {pr.title}  [{pr.head_ref} -> {pr.base_ref}]")
    print(f"{gh.url}/{REPO}/pull/{pr.number}\n")
    print(shown(pr.body or ""))
    for run in gh.check_runs(REPO):
        say(f"check run {run.name!r} on {run.head_sha[:7]}: {run.status} / {run.conclusion}")
    for review in gh.reviews(REPO, pr.number):
        inline = gh.review_comments(REPO, pr.number)
        say(f"review by {review.user}: {len(inline)} inline comments")
        print(shown(review.body))
    clone = tmp / "clone"
    url = gh.clone_url(REPO)
    subprocess.run(  # noqa: S603 - a local repository of the demo
        ["git", "clone", "-q", "--branch", pr.head_ref, url, str(clone)],  # noqa: S607
        check=True,
        env={**token_env(gh.create_token(REPO)), "PATH": "/usr/bin:/bin", "HOME": str(tmp)},
    )
    files = sorted(
        p.relative_to(clone).as_posix()
        for p in clone.rglob("*")
        if p.is_file() and ".git" not in p.parts
    )
    say(f"pushed to {url} branch {pr.head_ref}: {len(files)} files, e.g. " + ", ".join(files[:6]))
    say(f"issue opened -> pull request opened in {took:.1f} s")
    if keep:
        say("serving until Ctrl-C: the stand-in's REST API is at " + gh.api_url)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0
