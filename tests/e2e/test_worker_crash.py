"""A worker process killed with SIGKILL in the middle of a generation: after a restart the job is
run again and the end state is the one a single run gives (one branch, one PR, one comment)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rq.registry import StartedJobRegistry

from bot.standin import gitrepo
from tests.e2e.harness import BLOG, REPO, Loop, progress_comments
from worker.progress import read_marker
from worker.queues import QueueName

ROOT = Path(__file__).resolve().parents[2]


def start_worker(loop: Loop, log: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "worker", "--log-level", "debug", *args],
        cwd=ROOT,
        env={**os.environ, **loop.env},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it (RQ's work horse and scheduler, the sandbox's runs)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def kill_tree(proc: subprocess.Popen) -> None:
    for pid in descendants(proc.pid):  # collected first: killed children would be re-parented
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)  # reap it, or its pid stays "alive" as a zombie


def wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def state(loop: Loop) -> str | None:
    comments = progress_comments(loop)
    return read_marker(comments[0].body, "progress")["state"] if comments else None


def test_a_worker_killed_mid_generation_leaves_one_branch_one_pr_one_comment(
    loop: Loop, tmp_path: Path
):
    log = tmp_path / "worker.log"
    loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice")
    first = start_worker(loop, log)
    try:
        wait_for(lambda: state(loop) == "generating", timeout=300, what="the generation to start")
    finally:
        kill_tree(first)
    started = StartedJobRegistry(QueueName.GENERATE.value, connection=loop.redis)
    assert len(started.get_job_ids()) == 1  # abandoned mid-run
    assert loop.gh.pulls(REPO) == []

    second = start_worker(loop, log, "--burst")
    try:
        assert second.wait(timeout=300) == 0
    finally:
        if second.poll() is None:
            kill_tree(second)

    branches = [b for b in gitrepo.branches(loop.gh.repo(REPO).path) if b.startswith("codebegen/")]
    assert branches == ["codebegen/issue-1-blog-api"]
    assert len(loop.gh.pulls(REPO)) == 1
    assert len(progress_comments(loop)) == 1
    assert state(loop) == "done"
    output = log.read_text()
    assert "re-running job generate-" in output
    for token in loop.gh.state.tokens:
        assert token not in output


def test_a_worker_killed_after_the_push_reuses_the_branch_and_opens_one_pr(
    loop: Loop, tmp_path: Path
):
    pulls = f"/repos/{REPO}/pulls"
    loop.gh.fail_next("POST", pulls, status=502, delay=120)  # the PR request hangs: kill then
    loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice")
    first = start_worker(loop, tmp_path / "worker.log")
    try:
        wait_for(lambda: loop.gh.requests("POST", pulls), timeout=180, what="the PR request")
    finally:
        kill_tree(first)
    path = loop.gh.repo(REPO).path
    pushed = gitrepo.rev_parse(path, "refs/heads/codebegen/issue-1-blog-api")
    assert pushed and loop.gh.pulls(REPO) == []
    loop.gh.clear_faults()

    second = start_worker(loop, tmp_path / "worker.log", "--burst")
    try:
        assert second.wait(timeout=300) == 0
    finally:
        if second.poll() is None:
            kill_tree(second)

    [pr] = loop.gh.pulls(REPO)
    assert pr.head_sha == pushed  # the same commit: nothing regenerated into a second one
    assert len(progress_comments(loop)) == 1
    assert state(loop) == "done"
