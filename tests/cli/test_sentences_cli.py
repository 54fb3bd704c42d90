"""`codebegen generate` shows what each sentence became, and `--strict` refuses while questions
are open. The questions come from the parser; here one is added to its reading, so that the CLI's
part is what is tested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pipeline.parse
from bot.cli import EXIT_OK, EXIT_USAGE, main
from pipeline.parse.account import Understanding

TODO = "Build a todo API with tasks (title, due date, done flag). Send an SMS when a task is due."


@pytest.fixture
def one_question(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.parse.understand

    def asking(text: str, defaults=None, **kwargs) -> Understanding:  # type: ignore[no-untyped-def]
        reading = real(text, defaults)
        reading.questions.append("Is a task's title unique?")
        return reading

    monkeypatch.setattr(pipeline.parse, "understand", asking)


def test_generate_prints_each_sentence_and_what_it_became(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["generate", "--text", TODO, "--out", str(tmp_path / "a"), "--no-validate"])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert "What each sentence became" in out
    assert "1. Build a todo API with tasks (title, due date, done flag)." in out
    assert "2. Send an SMS when a task is due." in out


def test_strict_writes_nothing_while_questions_are_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one_question: None
) -> None:
    out_dir = tmp_path / "strict"
    code = main(["generate", "--text", TODO, "--out", str(out_dir), "--strict", "--no-validate"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "1. Is a task's title unique?" in err
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_without_strict_the_questions_are_printed_and_the_project_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one_question: None
) -> None:
    out_dir = tmp_path / "guess"
    code = main(["generate", "--text", TODO, "--out", str(out_dir), "--no-validate"])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert "Open questions (built on codebegen's guesses; --strict refuses):" in out
    assert (out_dir / "codebegen.yaml").is_file()


def test_json_carries_the_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one_question: None
) -> None:
    main(["generate", "--text", TODO, "--out", str(tmp_path / "j"), "--no-validate", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert [s["text"] for s in data["sentences"]][:1] == [
        "Build a todo API with tasks (title, due date, done flag)."
    ]
    assert data["questions"] == ["Is a task's title unique?"]
    assert all(set(s) == {"text", "status", "became", "reason", "tests"} for s in data["sentences"])
