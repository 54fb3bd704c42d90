"""One blog issue opened in an empty repository becomes a validated pull request. The run happens
once for the module (a generation with validation takes tens of seconds); each test checks one
thing it left behind."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from redis import Redis

from bot.standin import gitrepo
from pipeline.refine import GENERATED_TRAILER
from tests.e2e.harness import BLOG, REPO, Loop, progress_comments, redis_values, running_loop
from tests.standin.fixtures import make_standin
from tests.worker.fixtures import REDIS_URL
from worker.progress import read_marker
from worker.publish import CHECK_NAME

BRANCH = "codebegen/issue-1-blog-api"


@dataclass
class Opened:
    """One blog issue opened in an empty repository, delivered three times, jobs run."""

    loop: Loop
    issue_number: int
    redeliveries: list[int]
    logs: str


@pytest.fixture(scope="module")
def opened(github_app_key, tmp_path_factory) -> Iterator[Opened]:
    tmp = tmp_path_factory.mktemp("opened")
    gh = make_standin(github_app_key, tmp / "github")
    redis = Redis.from_url(REDIS_URL)
    redis.flushdb()
    logs = io.StringIO()
    handler = logging.StreamHandler(logs)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with gh, running_loop(gh, github_app_key, redis, tmp) as loop:
            issue = gh.open_issue(REPO, "Blog API", BLOG, user="alice", labels=["codebegen"])
            assert gh.last_delivery.status == 202
            first = gh.last_delivery
            redeliveries = [gh.redeliver(first).status_code]
            redis.delete("codebegen:delivery:" + first.delivery_id)  # past the claim's TTL
            redeliveries.append(gh.redeliver(first).status_code)
            loop.run_jobs()
            yield Opened(loop, issue.number, redeliveries, logs.getvalue())
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        redis.flushdb()
        redis.close()


def test_the_issue_gets_eyes_and_one_progress_comment_edited_to_done(opened: Opened):
    loop = opened.loop
    assert "eyes" in loop.gh.reactions(REPO, opened.issue_number)
    [comment] = progress_comments(loop)
    assert read_marker(comment.body, "progress")["state"] == "done"
    assert comment.body.count("- [x]") == 4
    assert "| **Post** (`/posts`) | `title` |" in comment.body
    assert "```mermaid\nerDiagram" in comment.body
    assert len(comment.history) > 2  # created once, then edited as the stages finished


def test_the_project_is_committed_as_the_app_on_a_first_commit_of_the_empty_repo(opened: Opened):
    path = opened.loop.gh.repo(REPO).path
    assert {"app/main.py", "codebegen.yaml", "README.md"} <= set(gitrepo.list_tree(path, BRANCH))
    log = gitrepo.git_out(path, "log", "--format=%an|%s", BRANCH)
    bot = opened.loop.gh.bot_login
    assert log.splitlines() == [f"{bot}|Generate Blog API from #1", f"{bot}|Initialize repository"]
    assert gitrepo.git_out(path, "log", "--format=%s", "main").splitlines() == [
        "Initialize repository"
    ]


def test_the_generated_commit_is_marked_as_the_base_for_refinement(opened: Opened):
    path = opened.loop.gh.repo(REPO).path
    message = gitrepo.git_out(path, "log", "-1", "--format=%B", BRANCH)
    assert GENERATED_TRAILER in message.splitlines()


def test_the_pull_request_closes_the_issue_and_shows_schema_files_and_report(opened: Opened):
    [pr] = opened.loop.gh.pulls(REPO)
    assert (pr.head_ref, pr.base_ref, pr.draft) == (BRANCH, "main", False)
    assert pr.title == "codebegen: Blog API (#1)"
    for part in ("Closes #1", "erDiagram", "├── app/", "Validation passed", "## How to run"):
        assert part in pr.body


def test_the_check_run_reports_validation_on_the_head_commit(opened: Opened):
    [pr] = opened.loop.gh.pulls(REPO)
    [check] = opened.loop.gh.check_runs(REPO, pr.head_sha)
    assert (check.name, check.status, check.conclusion) == (CHECK_NAME, "completed", "success")
    assert "Validation passed" in check.output["summary"]


def test_the_reviewer_posts_one_review_on_the_head_commit(opened: Opened):
    [pr] = opened.loop.gh.pulls(REPO)
    [review] = opened.loop.gh.reviews(REPO, pr.number)
    assert review.commit_id == pr.head_sha
    assert "codebegen review" in review.body


def test_redeliveries_of_the_same_delivery_give_one_pull_request(opened: Opened):
    assert opened.redeliveries == [200, 200]  # duplicates, also once the claim is gone
    assert len(opened.loop.gh.pulls(REPO)) == 1
    assert len(progress_comments(opened.loop)) == 1


def test_the_installation_token_never_reaches_logs_git_config_or_redis(opened: Opened):
    loop = opened.loop
    tokens = list(loop.gh.state.tokens)
    assert tokens and loop.git.configs  # tokens were minted, and used to push
    assert "POST" in opened.logs  # the capture saw the run's HTTP requests
    stored = b"".join(redis_values(loop.redis))
    for token in tokens:
        assert token not in opened.logs
        assert all(token not in config for config in loop.git.configs)
        assert token.encode() not in stored


def test_metrics_show_the_deliveries_and_the_jobs_durations(opened: Opened):
    import httpx

    text = httpx.get(f"{opened.loop.bot_url}/metrics").text
    assert 'codebegen_webhook_deliveries_total{event="issues",outcome="enqueued"} 1.0' in text
    assert 'codebegen_webhook_deliveries_total{event="issues",outcome="duplicate"} 2.0' in text
    assert 'codebegen_job_duration_seconds_count{kind="generate"} 1.0' in text
    assert 'codebegen_jobs_total{kind="generate",outcome="opened"} 1.0' in text
    assert 'codebegen_queue_depth{queue="codebegen:generate"} 0.0' in text
