"""What each sentence of a request became: the parser's account, and its questions. No I/O.

`understand(text)` returns an `Understanding`: the spec, notes, one `SentenceAccount` per sentence
(or list item, or table row) of the description, and numbered questions where the parser would
otherwise guess. The issue comment, the CLI, `--json` and the PR body all show this account, so
nothing a person wrote is dropped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from pipeline.spec import ProjectSpec


class SentenceStatus(str, Enum):
    USED = "used"  # became facts of the spec (see `became`)
    NOT_SUPPORTED = (
        "not_supported"  # understood, but codebegen cannot build it ("GraphQL subscriptions")
    )
    # a rule codebegen recognises but cannot build yet ("until the day before"): `reason` says
    # which; `became` holds what the rest of the sentence gave
    NOT_BUILT = "not_built"
    NOT_UNDERSTOOD = "not_understood"  # read, and nothing the spec holds came from it
    CONTEXT = "context"  # greetings, background, the stack: nothing to build, on purpose


@dataclass
class SentenceAccount:
    text: str  # the sentence as the person wrote it (markdown stripped)
    status: SentenceStatus
    became: list[str] = field(default_factory=list)  # "entity Order", "field Order.total (decimal)"
    reason: str = ""  # for not_supported / not_built / not_understood / context: why, in words
    # for not_understood: the entities and roles it names, though nothing was built from it
    named: list[str] = field(default_factory=list)


@dataclass
class Understanding:
    spec: ProjectSpec
    notes: list[str] = field(default_factory=list)
    sentences: list[SentenceAccount] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # numbered when shown: 1., 2., ...

    @property
    def unclear(self) -> bool:
        """True when the parser would be guessing: a person should answer before anything is built."""
        return bool(self.questions)
