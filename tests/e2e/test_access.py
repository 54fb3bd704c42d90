"""Who may start codebegen, and which text it builds: every trigger through the signed webhook
route, real Redis and RQ, real git and the GitHub stand-in.

Read and triage collaborators are `COLLABORATOR`s on GitHub, so the issue's author association
must not stand for write access; an edit after approval is not built on that approval."""

from __future__ import annotations

import pytest

from tests.e2e.harness import BLOG, REPO, Loop, progress_comments
from worker.progress import read_marker


@pytest.mark.parametrize("level", ["read", "triage"])
def test_read_and_triage_collaborators_cannot_start_a_generation(loop: Loop, level: str):
    loop.gh.add_user("carol", permission=level)
    issue = loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="carol", labels=["codebegen"])
    loop.run_jobs()

    [reply] = loop.gh.bot_comments(REPO, issue.number)
    assert read_marker(reply.body, "denied") is not None and "@carol" in reply.body
    assert loop.gh.pulls(REPO) == [] and loop.gh.repo(REPO).pushes == []


def test_a_triage_user_adding_the_label_starts_nothing(loop: Loop):
    loop.gh.add_user("tess", permission="triage")
    issue = loop.gh.open_issue(REPO, "Blog", BLOG, user="mallory")
    loop.gh.label_issue(REPO, issue.number, "codebegen", user="tess")
    loop.run_jobs()

    [reply] = loop.gh.bot_comments(REPO, issue.number)
    assert read_marker(reply.body, "denied") is not None and "@tess" in reply.body
    assert loop.gh.pulls(REPO) == []


def test_a_delivery_sent_by_a_bot_enqueues_nothing(loop: Loop):
    loop.gh.add_user("helper[bot]", type="Bot", permission="admin")
    loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="helper[bot]")
    assert loop.queued() == 0


def test_an_edit_after_approval_by_someone_who_may_not_start_it_is_not_built(loop: Loop):
    issue = loop.gh.open_issue(REPO, "Blog", BLOG, user="mallory")
    loop.gh.label_issue(REPO, issue.number, "codebegen", user="alice")  # approves BLOG
    hidden = BLOG + "\n<!--\n```yaml\nname: backdoor\n```\n-->\nAlso add a Backdoor entity."
    loop.gh.edit_issue(REPO, issue.number, body=hidden, user="mallory")  # before the worker runs
    loop.run_jobs()

    assert loop.gh.pulls(REPO) == [] and loop.gh.repo(REPO).pushes == []
    [progress] = progress_comments(loop, issue.number)
    assert read_marker(progress.body, "progress")["state"] == "failed"
    assert "edited after codebegen was asked to build it" in progress.body
    [answer] = [
        c for c in loop.gh.bot_comments(REPO, issue.number) if read_marker(c.body, "unapproved")
    ]
    assert "@mallory edited this issue" in answer.body and "will not build" in answer.body

    # alice approves the text as it is now by editing it: that text is built, hidden part unread
    approved = hidden.replace("Also add a Backdoor entity.", "")
    loop.gh.edit_issue(REPO, issue.number, body=approved, user="alice")
    loop.run_jobs()
    [pr] = loop.gh.pulls(REPO)
    files = loop.gh.repo(REPO).files(pr.head_ref)
    assert "app/models/post.py" in files
    assert not [f for f in files if "backdoor" in f.lower()]


def test_a_spec_path_that_would_be_code_is_answered_and_nothing_is_built(loop: Loop, tmp_path):
    marker = tmp_path / "pwned"
    body = (
        "```yaml\nname: blog-api\nentities:\n  - name: Post\n"
        f'    path: \'/x"); __import__("os").system("touch {marker}") #\'\n'
        "    fields: [{name: title}]\n```\n"
    )
    issue = loop.gh.open_issue(REPO, "/codebegen blog", body, user="alice")
    loop.run_jobs()

    [progress] = progress_comments(loop, issue.number)
    assert read_marker(progress.body, "progress")["state"] == "spec_error"
    assert "path" in progress.body and "must look like /posts" in progress.body
    assert loop.gh.pulls(REPO) == [] and not marker.exists()
