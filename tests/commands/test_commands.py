"""`/codebegen ...` comment parsing: tables of comment bodies → commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.commands import COMMAND_USAGE, HELP_TEXT, Command, CommandName, parse_command

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize(
    ("body", "name", "argument"),
    [
        ("/codebegen refine add a Tag entity", CommandName.REFINE, "add a Tag entity"),
        ("  /codebegen   refine   use sqlite  ", CommandName.REFINE, "use sqlite"),
        ("/CodeBeGen REFINE use sqlite", CommandName.REFINE, "use sqlite"),
        (
            "/codebegen refine\n- add a Tag entity\n- posts have many tags",
            CommandName.REFINE,
            "- add a Tag entity\n- posts have many tags",
        ),
        (
            "/codebegen refine add a Tag entity.\r\nAnd use sqlite.",
            CommandName.REFINE,
            "add a Tag entity.\nAnd use sqlite.",
        ),
        ("Thanks!\n\n/codebegen refine use sqlite", CommandName.REFINE, "use sqlite"),
        ("/codebegen regenerate", CommandName.REGENERATE, ""),
        ("/codebegen review", CommandName.REVIEW, ""),
        ("/codebegen review.", CommandName.REVIEW, ""),
        ("/codebegen help", CommandName.HELP, ""),
        ("/codebegen", CommandName.HELP, ""),
    ],
)
def test_parse_command_reads_the_command_line(body: str, name: CommandName, argument: str) -> None:
    command = parse_command(body)
    assert command is not None
    assert (command.name, command.argument) == (name, argument)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "Looks good to me",
        "please run codebegen refine",
        "see /codebegen refine in the docs",  # not at the start of a line
        "> /codebegen refine use sqlite\n\nwhy did this happen?",  # a quote reply
        "```\n/codebegen refine use sqlite\n```",  # inside a code block
        "~~~text\n/codebegen review\n~~~",
        "/codebegenerate",
    ],
)
def test_parse_command_ignores_comments_without_a_command(body: str) -> None:
    assert parse_command(body) is None


def test_work_commands_carry_no_reply() -> None:
    for body in ("/codebegen refine use sqlite", "/codebegen regenerate", "/codebegen review"):
        command = parse_command(body)
        assert command is not None and command.needs_work and command.reply == ""


def test_help_replies_with_the_help_text() -> None:
    command = parse_command("/codebegen help")
    assert command == Command(name=CommandName.HELP, reply=HELP_TEXT)
    assert not command.needs_work


def test_unknown_subcommand_gets_a_helpful_reply() -> None:
    command = parse_command("/codebegen deploy now")
    assert command is not None
    assert command.name is CommandName.UNKNOWN and command.argument == "deploy"
    assert "`/codebegen deploy`" in command.reply and HELP_TEXT in command.reply


def test_refine_without_an_instruction_asks_for_one() -> None:
    command = parse_command("/codebegen refine")
    assert command is not None and command.name is CommandName.REFINE
    assert not command.needs_work and "Tell me what to change" in command.reply


def test_the_first_command_wins() -> None:
    command = parse_command("/codebegen review\n/codebegen regenerate")
    assert command is not None and command.name is CommandName.REVIEW


def test_every_command_is_in_the_help_text() -> None:
    for name, (usage, _) in COMMAND_USAGE.items():
        assert usage.split(" <")[0] in HELP_TEXT, name
    assert set(COMMAND_USAGE) == set(CommandName) - {CommandName.UNKNOWN}


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for usage, _ in COMMAND_USAGE.values():
        assert usage.split(" <")[0] in text, f"README.md does not mention {usage}"
