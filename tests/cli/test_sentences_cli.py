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


# Read by the real parser: one rule it cannot build, one sentence that only names known things,
# one sentence that names nothing it knows (a question).
SAUNA = (
    "A sauna booking API. Members have a name. Slots have a start time. Members book slots. "
    "Members can cancel a slot until the evening before. Members adore slots. "
    "The committee wants a friendlier vibe for the whole season."
)


def test_json_shows_what_was_not_built_and_what_was_not_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["generate", "--text", SAUNA, "--out", str(tmp_path / "s"), "--no-validate", "--json"])
    data = json.loads(capsys.readouterr().out)
    by_text = {s["text"]: s for s in data["sentences"]}
    cancel = by_text["Members can cancel a slot until the evening before."]
    assert cancel["status"] == "not_built" and "a time limit" in cancel["reason"]
    adore = by_text["Members adore slots."]
    assert adore["status"] == "not_understood" and adore["became"] == []
    assert "Member" in adore["reason"] and "Slot" in adore["reason"]
    assert any(item.startswith("Members can cancel") for item in data["not_built"])
    assert any(item.startswith("Members adore slots.") for item in data["not_built"])
    assert [q for q in data["questions"] if "friendlier vibe" in q]
    assert not [q for q in data["questions"] if "adore" in q]


def test_generate_prints_what_a_sentence_built_and_what_it_did_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["generate", "--text", SAUNA, "--out", str(tmp_path / "p"), "--no-validate"])
    out = capsys.readouterr().out
    cancel = out.split("Members can cancel a slot until the evening before.", 1)[1]
    assert "-> not built: a time limit (“until the evening before”)" in cancel.split("\n  ")[1]
    assert "-> not understood: it names Member and Slot" in out


def test_strict_refuses_a_sentence_that_names_nothing_it_knows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "strict-real"
    code = main(["generate", "--text", SAUNA, "--out", str(out_dir), "--strict", "--no-validate"])
    assert code == EXIT_USAGE
    assert "friendlier vibe" in capsys.readouterr().err
    assert not out_dir.exists() or not any(out_dir.iterdir())
