"""Deliveries the bot must refuse, people it must not serve, and failures it must ride out:
signed deliveries through the real route, real Redis and RQ, real git, the GitHub stand-in."""

from __future__ import annotations

from bot.standin import gitrepo
from tests.e2e.harness import BLOG, REPO, Loop, progress_comments
from worker.progress import read_marker


def test_forged_signature_is_refused_and_nothing_is_queued(loop: Loop):
    issue = loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice", deliver=False)
    response = loop.gh.deliver("issues", loop.gh.issue_payload(REPO, issue.number), secret="forged")
    assert response.status_code == 401
    assert loop.queued() == 0


def test_malformed_json_gives_400(loop: Loop):
    assert loop.gh.deliver("issues", b'{"action": "opened", ').status_code == 400
    assert loop.queued() == 0


def test_an_author_without_write_access_gets_one_reply_and_nothing_else(loop: Loop):
    issue = loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="mallory")
    loop.run_jobs()
    loop.gh.edit_issue(REPO, issue.number, body=BLOG + " Please!", user="mallory")
    loop.run_jobs()

    [reply] = loop.gh.bot_comments(REPO, issue.number)
    assert read_marker(reply.body, "denied") is not None
    assert "@mallory" in reply.body
    assert loop.gh.reactions(REPO, issue.number) == []
    assert loop.gh.pulls(REPO) == []
    assert loop.gh.repo(REPO).pushes == []


def test_pr_creation_failing_with_502_then_a_secondary_rate_limit_is_retried(loop: Loop):
    pulls = f"/repos/{REPO}/pulls"
    loop.gh.fail_next("POST", pulls, status=502)
    loop.gh.fail_secondary_rate_limit("POST", pulls, retry_after=1)
    loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice")

    loop.run_jobs()

    assert loop.gh.pending_faults == []
    assert [r.status for r in loop.gh.requests("POST", pulls)] == [502, 403, 201]
    assert len(loop.gh.pulls(REPO)) == 1
    assert len(progress_comments(loop)) == 1


def test_a_spec_that_is_not_understood_is_answered_and_an_edit_reruns(loop: Loop):
    issue = loop.gh.open_issue(REPO, "/codebegen", "hello, can you help me?", user="alice")
    loop.run_jobs()

    [comment] = progress_comments(loop)
    assert read_marker(comment.body, "progress")["state"] == "spec_error"
    assert "entity" in comment.body and "Edit this issue" in comment.body
    assert loop.gh.pulls(REPO) == []

    loop.gh.edit_issue(REPO, issue.number, body=BLOG, user="alice")
    loop.run_jobs()

    [comment] = progress_comments(loop)
    assert read_marker(comment.body, "progress")["state"] == "done"
    assert len(loop.gh.pulls(REPO)) == 1


def test_the_label_added_later_starts_it_in_a_repo_with_commits(loop: Loop):
    loop.gh.create_repo("octo/shop", empty=False)  # a README on main
    issue = loop.gh.open_issue("octo/shop", "Shop", BLOG, user="alice")
    assert loop.gh.last_delivery.status == 204  # nothing asked for yet
    loop.gh.label_issue("octo/shop", issue.number, "codebegen", user="alice")
    loop.run_jobs()

    [pr] = loop.gh.pulls("octo/shop")
    assert pr.base_ref == "main"
    files = set(gitrepo.list_tree(loop.gh.repo("octo/shop").path, pr.head_ref))
    assert {"README.md", "app/main.py"} <= files


def test_a_502_after_github_created_the_pr_still_leaves_one_pr_and_one_comment(loop: Loop):
    pulls = f"/repos/{REPO}/pulls"
    loop.gh.fail_next("POST", pulls, status=502, execute=True)  # created, but we hear a 502
    loop.gh.fail_next("POST", f"/repos/{REPO}/issues/*/comments", status=502, execute=True)
    loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice")

    loop.run_jobs()

    assert [r.status for r in loop.gh.requests("POST", pulls)] == [502]  # then found, not re-made
    assert len(loop.gh.pulls(REPO)) == 1
    [comment] = progress_comments(loop)
    assert read_marker(comment.body, "progress")["state"] == "done"


def test_a_permanent_failure_is_shown_on_the_issue_in_a_line_and_retried_later(loop: Loop):
    loop.gh.fail_next("POST", f"/repos/{REPO}/pulls", status=422, times=5)
    loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice")

    loop.run_jobs()

    [comment] = progress_comments(loop)
    assert read_marker(comment.body, "progress")["state"] == "failed"
    assert "- [ ] Pull request opened ❌" in comment.body
    assert "422" in comment.body and "Traceback" not in comment.body
    from rq.registry import ScheduledJobRegistry

    retry = ScheduledJobRegistry("codebegen:generate", connection=loop.redis)
    assert len(retry.get_job_ids()) == 1  # RQ's Retry runs it again later
