"""Ask instead of guessing, end to end: an issue whose reading leaves a question open gets the
question and an editable spec, no pull request; an answer in a comment, or `/codebegen go`, goes
on. The question is added to the parser's reading here (the parser's own questions are tested in
tests/parse); what is tested is the loop: route, jobs, comments, branch and PR."""

from __future__ import annotations

import pytest

import pipeline.parse
from pipeline.parse.account import Understanding
from tests.e2e.harness import BLOG, REPO, Loop, progress_comments
from worker.progress import read_marker

QUESTION = "Are posts readable without signing in?"
ANSWER = "Posts are public."


@pytest.fixture(autouse=True)
def asks_until_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.parse.understand

    def reading(text: str, defaults=None, **kwargs) -> Understanding:  # type: ignore[no-untyped-def]
        understood = real(text, defaults)
        if ANSWER not in text:
            understood.questions.append(QUESTION)
        return understood

    monkeypatch.setattr(pipeline.parse, "understand", reading)


def _state(loop: Loop) -> str:
    [comment] = progress_comments(loop)
    return read_marker(comment.body, "progress")["state"]


def test_an_unclear_issue_gets_questions_and_no_pull_request(loop: Loop):
    loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice")
    loop.run_jobs()

    [comment] = progress_comments(loop)
    assert _state(loop) == "questions"
    assert f"1. {QUESTION}" in comment.body
    assert "```yaml\nversion: 1\n" in comment.body
    assert loop.gh.pulls(REPO) == [] and loop.gh.repo(REPO).pushes == []


def test_an_answer_in_a_comment_goes_on_and_opens_the_pull_request(loop: Loop):
    issue = loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice")
    loop.run_jobs()
    loop.gh.comment(REPO, issue.number, "thanks! unrelated remark", user="bob")
    loop.run_jobs()
    assert _state(loop) == "questions"  # bob's words are not alice's answer

    loop.gh.comment(REPO, issue.number, ANSWER, user="alice")
    loop.run_jobs()

    assert _state(loop) == "done"
    [pull] = loop.gh.pulls(REPO)
    assert "## What you asked for, and what proves it" in pull.body


def test_go_builds_on_the_guesses_and_says_so_in_the_pull_request(loop: Loop):
    issue = loop.gh.open_issue(REPO, "/codebegen blog", BLOG, user="alice")
    loop.run_jobs()
    loop.gh.comment(REPO, issue.number, "/codebegen go", user="alice")
    loop.run_jobs()

    assert _state(loop) == "done"
    [pull] = loop.gh.pulls(REPO)
    assert f"Built on codebegen's guesses for open questions: {QUESTION}" in pull.body
