"""The whole loop for end-to-end tests: the GitHub stand-in, the webhook app on a real port, real
Redis (db 1), real RQ workers, real git — and nothing faked in between."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from redis import Redis
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from bot.app import create_app
from bot.config import Settings
from bot.demo import BackgroundServer
from bot.github import GitHubApp
from bot.gitops import GitOps
from tests.standin.fixtures import GITHUB_APP_ID, GITHUB_WEBHOOK_SECRET
from tests.worker.fixtures import REDIS_URL
from worker import context, queues
from worker.ports import Checkout, GitAuthor
from worker.progress import read_marker

REPO = "octo/blog"
BLOG = (
    "Build a blog API with posts (title, body, published flag) and comments (text). "
    "A comment belongs to a post. Use JWT auth."
)


class SpyGitOps(GitOps):
    """The real GitOps; also keeps each clone's .git/config as it was right after the push."""

    def __init__(self) -> None:
        self.configs: list[str] = []

    def push(self, checkout: Checkout, *, token: str) -> str:
        sha = super().push(checkout, token=token)
        self.configs.append((checkout.path / ".git" / "config").read_text())
        return sha


@dataclass
class Loop:
    gh: object  # bot.standin.StandIn
    redis: Redis
    bot_url: str
    git: SpyGitOps
    env: dict[str, str] = field(default_factory=dict)  # for worker processes

    def run_jobs(self) -> None:
        """Run everything queued (and due) with a real RQ worker, then return."""
        SimpleWorker(
            [queues.queue(q, connection=self.redis) for q in queues.LISTEN_ORDER],
            connection=self.redis,
            serializer=JSONSerializer,
        ).work(burst=True, logging_level="WARNING")

    def queued(self) -> int:
        return sum(queues.depth(connection=self.redis).values())


@contextmanager
def running_loop(gh, app_key, redis: Redis, tmp: Path) -> Iterator[Loop]:
    """The webhook app on a loopback port, the worker context installed, `octo/blog` (empty),
    alice (write access) and mallory (none) in the stand-in `gh`."""
    gh.create_repo(REPO)  # empty: no commits yet
    gh.add_user("alice", permission="write")
    gh.add_user("mallory")  # no access
    settings = Settings(
        app_id=GITHUB_APP_ID,
        private_key=app_key.private_pem,
        webhook_secret=GITHUB_WEBHOOK_SECRET,
        environment="test",
        redis_url=REDIS_URL,
    )
    git = SpyGitOps()
    context.install(
        context.Context(
            github=GitHubApp(
                app_id=GITHUB_APP_ID, private_key=app_key.private_pem, base_url=gh.api_url
            ),
            git=git,
            redis=redis,
            workdir=tmp / "work",
            author=GitAuthor(gh.bot_login, f"{gh.bot_login}@users.noreply.github.com"),
            bot_login=gh.bot_login,
        )
    )
    env = {
        "GITHUB_APP_ID": str(GITHUB_APP_ID),
        "GITHUB_PRIVATE_KEY": app_key.private_pem,
        "GITHUB_WEBHOOK_SECRET": GITHUB_WEBHOOK_SECRET,
        "GITHUB_API_URL": gh.api_url,
        "REDIS_URL": REDIS_URL,
        "CODEBEGEN_WORKDIR": str(tmp / "worker-process"),
        "CODEBEGEN_ENV": "test",
    }
    try:
        with BackgroundServer(create_app(settings, redis=redis)) as bot:
            gh.webhook_url = f"{bot.url}/webhooks"
            yield Loop(gh=gh, redis=redis, bot_url=bot.url, git=git, env=env)
    finally:
        context.uninstall()


def progress_comments(loop: Loop, number: int = 1, repo: str = REPO) -> list:
    return [
        c for c in loop.gh.bot_comments(repo, number) if read_marker(c.body, "progress") is not None
    ]


def redis_values(redis) -> list[bytes]:
    out = []
    for key in redis.scan_iter():
        kind = redis.type(key)
        if kind == b"string":
            out.append(redis.get(key))
        elif kind == b"hash":
            out += list(redis.hgetall(key).values())
        elif kind == b"list":
            out += redis.lrange(key, 0, -1)
        elif kind == b"zset":
            out += redis.zrange(key, 0, -1)
        elif kind == b"set":
            out += list(redis.smembers(key))
    decoded = []
    for value in out:
        try:
            decoded.append(zlib.decompress(value))  # RQ compresses job data
        except zlib.error:
            decoded.append(value)
    return decoded
