"""`codebegen demo`, the README's command for the GitHub loop, does what it says."""

from __future__ import annotations

from pathlib import Path

from bot.cli import main
from tests.worker.fixtures import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]


def test_demo_opens_a_validated_pull_request_and_shows_it(redis, capsys):
    code = main(["demo", "--redis-url", REDIS_URL])  # the built-in blog issue

    out = capsys.readouterr().out
    assert code == 0, out
    for seen in (
        "webhook answered 202",
        "reactions on #1: eyes",
        "codebegen opened a pull request for this issue",
        "pull request #2: codebegen:",
        "Closes #1",
        "check run 'codebegen / validation'",
        "completed / success",
        "codebegen review",
        "pushed to http://127.0.0.1:",
        "issue opened -> pull request opened in",
    ):
        assert seen in out
    assert "<!-- codebegen:" not in out  # markers are hidden, as GitHub hides them
