"""Issue opened -> pull request opened: wall time of the whole loop for an example spec.

    .venv/bin/python bench/bench_issue_to_pr.py                      # examples/blog.md, 1 run
    .venv/bin/python bench/bench_issue_to_pr.py --spec examples/shop.md --runs 3

Runs what production runs, on loopback: the local GitHub stand-in, the webhook app
(`bot.app`, uvicorn), Redis (a database it flushes, default 13) and a real worker process
(`codebegen worker --burst`). Opens an issue with the spec as its body and times, from the moment
the issue is opened: the webhook's answer, the 👀 acknowledgement, the progress comment, the pull
request and the check run. Generation includes validation (the project's tests on SQLite and, when
a local server answers, PostgreSQL; lint; boot; /docs).

Goal (issue 3): under 20 s on 2 cores including validation. Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from redis import Redis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import create_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.demo import BackgroundServer  # noqa: E402
from bot.standin import StandIn, generate_app_key  # noqa: E402

SECRET = "bench-webhook-secret"  # noqa: S105 - loopback only


def once(spec: str, redis_url: str, tmp: Path) -> dict[str, float]:
    redis = Redis.from_url(redis_url)
    redis.flushdb()
    key = generate_app_key()
    gh = StandIn(
        app_id=1,
        public_key_pem=key.public_pem,
        private_key_pem=key.private_pem,
        webhook_secret=SECRET,
        root=tmp / "github",
    )
    settings = Settings.model_validate(
        {"app_id": 1, "private_key": key.private_pem, "webhook_secret": SECRET,
         "environment": "test", "redis_url": redis_url}  # fmt: skip
    )
    env = {
        **os.environ,
        "GITHUB_APP_ID": "1",
        "GITHUB_PRIVATE_KEY": key.private_pem,
        "GITHUB_WEBHOOK_SECRET": SECRET,
        "REDIS_URL": redis_url,
        "CODEBEGEN_WORKDIR": str(tmp / "work"),
    }
    marks: dict[str, float] = {}
    with gh, BackgroundServer(create_app(settings, redis=redis)) as bot:
        gh.webhook_url = f"{bot.url}/webhooks"
        env["GITHUB_API_URL"] = gh.api_url
        gh.create_repo("octo/api")
        gh.add_user("alice", permission="write")
        worker = subprocess.Popen(  # the worker waits for jobs before the issue exists
            [sys.executable, "-m", "bot.cli", "worker", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        try:
            time.sleep(2.0)  # let it start and register, as a running deployment would be
            start = time.perf_counter()
            issue = gh.open_issue("octo/api", "/codebegen API", spec, user="alice")
            marks["webhook answered"] = time.perf_counter() - start
            checks = {
                "👀 reaction": lambda: gh.reactions("octo/api", issue.number),
                "progress comment": lambda: gh.bot_comments("octo/api", issue.number),
                "pull request opened": lambda: gh.pulls("octo/api"),
                "check run completed": lambda: [
                    r for r in gh.check_runs("octo/api") if r.status == "completed"
                ],
            }
            deadline = start + 600
            while checks and time.perf_counter() < deadline:
                for name, done in list(checks.items()):
                    if done():
                        marks[name] = time.perf_counter() - start
                        del checks[name]
                time.sleep(0.02)
            pulls = gh.pulls("octo/api")
            if pulls:
                marks["draft (validation failed)" if pulls[0].draft else "validated"] = 0.0
        finally:
            worker.terminate()
            worker.wait(timeout=60)
            redis.flushdb()
    return marks


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--spec", type=Path, default=ROOT / "examples" / "blog.md")
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    args = p.parse_args()
    spec = args.spec.read_text(encoding="utf-8")
    print(f"{args.spec.name}: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="bench-issue-") as tmp:
            marks = once(spec, args.redis_url, Path(tmp))
        line = "  ".join(f"{name} {t:.2f} s" if t else name for name, t in marks.items())
        print(f"run {run}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
