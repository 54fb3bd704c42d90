"""`/codebegen ...` comments → `Command`. Pure: no I/O.

It lives in `worker/` because both sides need it: the webhook route (bot) decides from it whether
a comment is a command at all, and the conversation job (worker) reads the comment again when it
runs; the worker never imports the bot. `bot/commands.py` re-exports it.

A command is a line of a PR or issue comment that starts with `/codebegen` (leading spaces are
fine). Lines inside fenced code blocks and quoted lines (`> ...`, what GitHub's "Quote reply"
produces) are never commands, so quoting someone's command does not run it again. The first
command line wins; for `refine`, the instruction is the rest of that line plus every line after it,
so a multi-line instruction or a bullet list works.

Commands that need no work (`help`, an unknown subcommand, `refine` without an instruction) come
back with `reply` set: the worker posts that text and does nothing else.
"""

from __future__ import annotations

import re
from enum import Enum

from pydantic import BaseModel, ConfigDict

PREFIX = "/codebegen"  # what a command line starts with


class CommandName(str, Enum):
    REFINE = "refine"  # change the spec, regenerate, merge with the branch
    REGENERATE = "regenerate"  # regenerate from the branch's codebegen.yaml (edited by hand)
    REVIEW = "review"  # run the reviewer again
    HELP = "help"  # list the commands
    GO = "go"  # on an issue with open questions: build on codebegen's guesses
    UNKNOWN = "unknown"  # anything else after /codebegen: answered with the help text


# One line per command, in the order people need them. `HELP_TEXT` and the README list these.
COMMAND_USAGE: dict[CommandName, tuple[str, str]] = {
    CommandName.REFINE: (
        "/codebegen refine <what to change>",
        "change the spec (codebegen.yaml), regenerate the project and merge it with this "
        "branch; your edits are kept, overlapping edits are reported and nothing is pushed. "
        "Several changes in one comment work, one per sentence, line or bullet.",
    ),
    CommandName.REGENERATE: (
        "/codebegen regenerate",
        "regenerate from this branch's codebegen.yaml after you edited it by hand (same merge); "
        "for a project made from an OpenAPI document, from its edited "
        "contract/openapi.input.yaml.",
    ),
    CommandName.REVIEW: (
        "/codebegen review",
        "run the reviewer again and update its findings on this pull request.",
    ),
    CommandName.HELP: ("/codebegen help", "show this list."),
    CommandName.GO: (
        "/codebegen go",
        "on an issue where codebegen asked questions: build on its guesses (answering in a "
        "comment or editing the issue works too).",
    ),
}

REFINE_EXAMPLES = (
    "add a Tag entity with a unique name",
    "posts have many tags",
    "add a published flag to posts",
    "make email unique on users",
    "status of orders is one of new, paid, shipped",
    "only admins can delete posts",
    "posts can have an image upload",
    "use sqlite",
)

HELP_TEXT = (
    "**codebegen commands** (comment on the pull request, or on the issue for `go`; people with "
    "write access only):\n\n"
    + "\n".join(f"- `{usage}` — {what}" for usage, what in COMMAND_USAGE.values())
    + "\n\nExamples of refinements:\n\n"
    + "\n".join(f"- `/codebegen refine {example}`" for example in REFINE_EXAMPLES)
)


GO_ON_PULL = (
    "`/codebegen go` answers codebegen's questions on an issue. On a pull request, say what to "
    "change with `/codebegen refine <what to change>`.\n\n" + HELP_TEXT
)


class Command(BaseModel):
    """One parsed command. `reply` non-empty means: post it, do nothing else."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: CommandName
    argument: str = ""  # the instruction for refine; the unknown word for unknown
    reply: str = ""

    @property
    def needs_work(self) -> bool:
        """True when a job has to run (refine, regenerate, review); False for a plain reply."""
        return not self.reply


_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMAND_LINE = re.compile(r"^\s*/codebegen(?:\s+(?P<rest>.*))?$", re.IGNORECASE | re.DOTALL)


def parse_command(body: str) -> Command | None:
    """The command in a comment body, or None when the comment holds none."""
    lines = body.replace("\r\n", "\n").split("\n")
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.lstrip().startswith(">"):
            continue
        match = _COMMAND_LINE.match(line)
        if match is None:
            continue
        rest = "\n".join([match.group("rest") or "", *lines[index + 1 :]]).strip()
        return _command(rest)
    return None


def _command(rest: str) -> Command:
    if not rest:
        return Command(name=CommandName.HELP, reply=HELP_TEXT)
    first, *tail = rest.split(maxsplit=1)
    word = first.lower().rstrip(":.,!")
    argument = tail[0].strip() if tail else ""
    if word == CommandName.REFINE.value:
        if not argument:
            return Command(
                name=CommandName.REFINE,
                reply="Tell me what to change after `/codebegen refine`, for example "
                f"`/codebegen refine {REFINE_EXAMPLES[0]}`.\n\n{HELP_TEXT}",
            )
        return Command(name=CommandName.REFINE, argument=argument)
    if word in (CommandName.REGENERATE.value, CommandName.REVIEW.value):
        return Command(name=CommandName(word))
    if word == CommandName.HELP.value:
        return Command(name=CommandName.HELP, reply=HELP_TEXT)
    if word == CommandName.GO.value:
        # On an issue the webhook route starts the generation; on a pull request this is the reply.
        return Command(name=CommandName.GO, reply=GO_ON_PULL)
    return Command(
        name=CommandName.UNKNOWN,
        argument=word,
        reply=f"I don't know the command `/codebegen {word}`.\n\n{HELP_TEXT}",
    )
