"""Every `codebegen` command is in the README (as sqlite-utils checks its CLI docs)."""

from __future__ import annotations

from pathlib import Path

from bot.cli import COMMANDS, build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_every_cli_command_is_documented_in_the_readme():
    missing = [c.name for c in COMMANDS if f"`codebegen {c.name}" not in README]
    assert missing == []


def test_serve_worker_and_demo_parse_their_options():
    parser = build_parser()
    assert parser.parse_args(["serve", "--port", "9000", "--workers", "2"]).workers == 2
    assert parser.parse_args(["worker", "--burst"]).burst is True
    assert parser.parse_args(["demo", "--spec", "x.md"]).spec == Path("x.md")
