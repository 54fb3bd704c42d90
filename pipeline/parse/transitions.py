"""Status transitions said in a sentence: which value a status may move to, and from which. No
I/O; `rules.py` records what `transition_in` finds.

    "a bag can only go to collected from ready"            -> ready -> collected
    "a kit can only be marked used after it was reserved"  -> reserved -> used
    "can be marked delivered or failed only while it's out for delivery"
                                                           -> out_for_delivery -> delivered
    "a lot can only become sold from closed"               -> closed -> sold
    "client can cancel only when order is new"             -> new -> cancelled
    "status: submitted -> accepted"                        -> submitted -> accepted

The words must name choices of one enum field (a verb's form names its status: "cancel" for
cancelled); a choice of several words ("written off", "in review") is read as one.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.spec import FieldType, ProjectSpec

_VALUES = r"[a-z_]+(?:\s*(?:,|or)\s*[a-z_]+)*"
_TO = r"(?P<to>[a-z_]+)(?:\s+or\s+[a-z_]+)?"  # "delivered or failed": the first is enough
_TRANSITION = re.compile(rf"\bfrom\s+(?P<from>{_VALUES})\s+to\s+(?P<to>[a-z_]+)")
_BECOMES = re.compile(
    rf"\bcan (?:only )?(?:be|become) (?:marked |set to |moved to |marked as )?{_TO} (?:only )?"
    r"(?:from|when|if|while|after|once)"
    r"(?: (?:it|they) (?:is|are|was|were|has been)|(?: it's| they're| its))?"
    rf"(?: still)? (?P<from>{_VALUES})"
)
# "a job can only go to collected from ready", "can move to done only from in_progress"
_TO_FROM = re.compile(
    r"\b(?:go|goes|move|moves|change|changes|switch|switches|be set|be moved|be changed)\s+"
    rf"(?:only\s+)?to\s+(?P<to>[a-z_]+)\s+(?:only\s+)?from\s+(?P<from>{_VALUES})"
)
# "managers can approve or reject a request, and only while it is pending", "a booking can be
# cancelled only while it is confirmed": an act whose past form is a status, allowed in another
_ACT_WHILE = re.compile(
    r"\b(?P<to>[a-z]+)(?:\s+or\s+[a-z]+)?(?:\s+(?:a|an|the|my|their|its|his|her))?"
    r"(?:\s+[a-z]+)?\s*,?\s+(?:and\s+|but\s+)?(?:only\s+)?(?:while|as long as)\s+(?:it|they)"
    rf"(?:\s+(?:is|are)|'s|'re)(?:\s+still)?\s+\"?(?P<from>{_VALUES})"
)
# "only sent quotes can be accepted or declined"
_ONLY_STATE = re.compile(
    r"\bonly\s+(?:an?\s+|the\s+)?(?P<from>[a-z_]+)\s+[a-z]+\s+(?:can|may)\s+(?:only\s+)?"
    r"(?:be|become)\s+(?P<to>[a-z_]+)"
)
# "status: submitted -> accepted", "draft → submitted → approved": the first step of a chain
_ARROW = re.compile(r"\b(?P<from>[a-z_]+)\s*(?:->|→|=>)\s*(?P<to>[a-z_]+)\b")
# "can only go to collected when it is repaired", "can cancel only when order is new"
_ONLY_WHEN = re.compile(
    r"\b(?:can|possible to|may) (?:only )?(?:be |go to |move to |be set to |be marked (?:as )?)?"
    rf"{_TO} (?:only )?(?:when|once|while|if)"
    r"(?: (?:it|they|the status|status|(?:the |an? |its |their )?[a-z]+) (?:is|are|was|has been)"
    rf"|(?: it's| they're))?(?: still)? (?P<from>{_VALUES})"
)
_PATTERNS = (_TRANSITION, _TO_FROM, _BECOMES, _ONLY_WHEN, _ACT_WHILE, _ONLY_STATE, _ARROW)
_QUOTES = re.compile(r"(?<![a-z])'|'(?![a-z])|[\"‘’“”]")
# Words that end a list of "from" values: "when quoted, and collected only when ready".
_GLUE = frozenset("and but then so also only".split())


def _choice(word: str, choices: list[str]) -> str:
    """The choice a word names: itself, its first five letters ("cancel" for "cancelled"), or
    the verb's form of it ("opened" for "open")."""
    stem = re.sub(r"(?:ed|d)$", "", word) if len(word) > 4 else word
    return next(
        (
            c
            for c in choices
            if c == word or (len(word) > 3 and c.startswith(word[:5])) or c == stem
        ),
        "",
    )


def _joined(low: str, spec: ProjectSpec) -> str:
    """`low` with each choice of several words said as one ("written off" -> "written_off")."""
    for e in spec.entities:
        for f in e.fields:
            for c in f.choices if f.type is FieldType.ENUM else []:
                if "_" in c:
                    low = re.sub(r"\b" + r"[\s-]+".join(c.split("_")) + r"\b", c, low)
    return low


def _froms(said: str) -> list[str]:
    """The "from" values of a match, up to the first word that ends the list."""
    out: list[str] = []
    for word in (w for w in re.split(r"\s*(?:,|\bor\b)\s*", said) if w):
        if word in _GLUE:
            break
        out.append(word)
    return out


def _field(spec: ProjectSpec, named: list[str], values: list[str]) -> tuple[str, str] | None:
    """The enum whose choices the words name, of the entities the unit names first."""
    for e in sorted(spec.entities, key=lambda e: e.name not in named):
        for f in e.fields:
            if f.type is FieldType.ENUM and all(_choice(v, f.choices) for v in values):
                return e.name, f.name
    return None


def transition_in(low: str, spec: ProjectSpec, named: list[str]) -> dict[str, Any] | None:
    """The transition rule `low` (a unit, lower case) states, on an enum of `spec` (of the
    entities `named` in the unit first), or None."""
    low = _joined(_QUOTES.sub(" ", low), spec)  # "only a 'scheduled' flight can become 'flown'"
    for pattern in _PATTERNS:
        m = pattern.search(low)
        froms = _froms(m.group("from")) if m else []
        if m and froms and (found := _field(spec, named, [m.group("to"), *froms])):
            break
    else:
        return None
    entity, fname = found
    choices = spec.entity(entity).field(fname).choices  # type: ignore[union-attr]
    return {
        "kind": "transition",
        "entity": entity,
        "field": fname,
        "from_values": [_choice(w, choices) for w in froms],
        "to": _choice(m.group("to"), choices),
    }


__all__ = ["transition_in"]
