"""Status transitions said in a sentence: which value a status may move to, and from which. No
I/O; `rules.py` records what `transition_in` finds.

    "a bag can only go to collected from ready"            -> ready -> collected
    "a kit can only be marked used after it was reserved"  -> reserved -> used
    "can be marked delivered or failed only while it's out for delivery"
                                                           -> out_for_delivery -> delivered
    "a lot can only become sold from closed"               -> closed -> sold
    "client can cancel only when order is new"             -> new -> cancelled
    "status: submitted -> accepted"                        -> submitted -> accepted

A chain of arrows is every step it draws (`arrow_steps`, `chain_in`): "draft → sent, then sent →
accepted or sent → declined" is draft -> sent, sent -> accepted, sent -> declined; the refinement
reader (`pipeline.refine.transitions`) reads its arrows with the same function.

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


# An arrow between two states, with the spaces around it; every reader of arrows uses this one.
ARROW = re.compile(r"\s*(?:-+>|→|⟶|=>)\s*")
# Where a value beside an arrow ends: "sent, then sent → ...", "shipped (by staff)".
_BREAK = re.compile(
    r"\s*(?:[,;:.!?()\[\]]|(?:^|\s)(?:then|and|but|so|which|where|after|when)\s)\s*"
)
_LEAD = re.compile(r"^\s*(?:(?:then|and|but|so|or)\s+)*|\s+$")
_OR = re.compile(r"\s+or\s+|\s*/\s*")
_VALUE = re.compile(r"[a-z][a-z_]*(?: [a-z][a-z_]*){0,3}")


def arrow_steps(text: str) -> list[tuple[list[str], list[str]]]:
    """The steps the arrows of `text` (lower case) draw, each as (the words that may be its
    "from" value, ending with the nearest; the "to" values), in order: "goes received ->
    waiting for parts -> ready" gives (["goes received", "received"], ["waiting for parts"]),
    (["waiting for parts"], ["ready"]). A value between two arrows is the whole phrase there,
    or, where it breaks ("sent, then sent", "accepted or sent"), its first part is the "to" of
    the arrow before and its last part the "from" of the arrow after. The caller picks, among
    the words before a chain, the longest that names a value."""
    text = _QUOTES.sub(" ", text).replace("`", " ").replace("*", " ")
    # "confirmed (the company does this) → packed", but not "(waiting → confirmed)"
    text = re.sub(r"\((?![^()]*(?:->|→|=>))[^()]*\)", ",", text)
    parts = ARROW.split(text)
    if len(parts) < 2:
        return []
    steps: list[tuple[list[str], list[str]]] = []
    for i in range(len(parts) - 1):
        left, right = parts[i], parts[i + 1]
        last = i + 1 == len(parts) - 1
        froms = _tail(left, first=i == 0)
        tos = _head(right, last=last)
        if froms and tos:
            steps.append((froms, tos))
    return steps


def _tail(part: str, *, first: bool) -> list[str]:
    """The "from" words of an arrow: the last phrase of the part before it. For the first arrow
    the phrase may be prose ("where it's at goes received"): its last one to four words,
    longest first."""
    pieces = [_LEAD.sub("", p) for p in _BREAK.split(part) if _LEAD.sub("", p)]
    if not pieces:
        return []
    phrase = _OR.split(pieces[-1].strip())[-1].strip()
    words = phrase.split()
    if not words or not all(re.fullmatch(r"[a-z][a-z_]*", w) for w in words[-1:]):
        return []
    if not first and len(pieces) == 1 and _VALUE.fullmatch(phrase):
        return [phrase]
    return [" ".join(words[-k:]) for k in range(min(4, len(words)), 0, -1)]


def _head(part: str, *, last: bool) -> list[str]:
    """The "to" values of an arrow: the first phrase of the part after it, split at "or";
    between two arrows, the last of several is the next arrow's "from" ("accepted or sent")."""
    pieces = [_LEAD.sub("", p) for p in _BREAK.split(part) if _LEAD.sub("", p)]
    if not pieces:
        return []
    options = [o.strip() for o in _OR.split(pieces[0].strip()) if o.strip()]
    if not last and len(pieces) == 1 and len(options) > 1:
        options = options[:-1]
    out = []
    for option in options:
        words = option.split()
        if not words or not re.fullmatch(r"[a-z][a-z_]*", words[0]):
            break
        out.append(" ".join(words[:4]))
    return out


def _value_of(phrase: str, choices: list[str]) -> str:
    """The choice a phrase names, the phrase whole ("waiting for parts") or its first word."""
    joined = "_".join(phrase.split())
    if joined in choices:
        return joined
    return _choice(phrase.split()[0], choices) if len(phrase.split()) == 1 else ""


_STATUS_WORDS = frozenset({"status", "state", "stage", "phase", "step"})


def chain_in(
    low: str, spec: ProjectSpec, named: list[str]
) -> tuple[str, str, list[str], list[tuple[list[str], str]]] | None:
    """The transitions a chain of arrows in `low` draws: (entity, field, the values, the steps
    as (from values, to)). The values are those of an enum field of the entities `named` first
    (each step's values all its choices), else of a status field still without values ("a
    status" said in a list, its values only in the chain): the values then are the chain's, in
    order, and the caller makes the field an enum of them. None when no field fits."""
    steps = arrow_steps(_joined(low, spec))
    if not steps:
        return None
    order = sorted(spec.entities, key=lambda e: e.name not in named)
    for e in order:
        for f in e.fields:
            if f.type is not FieldType.ENUM or not f.choices:
                continue
            pairs = steps_on(steps, list(f.choices))
            if pairs:
                values = [v for v in f.choices]
                return e.name, f.name, values, pairs
    said: list[str] = []
    pairs = []
    for froms, tos in steps:
        source = "_".join(froms[-1].split())
        targets = ["_".join(t.split()) for t in tos]
        if source in _GLUE or any(t in _GLUE or t == source for t in targets):
            return None
        said += [v for v in [source, *targets] if v not in said]
        pairs += [([source], t) for t in targets]
    # a status field without values, or one whose values the chain names some of and adds to
    bare = [
        (e.name, f.name, [c for c in f.choices if f.type is FieldType.ENUM])
        for e in order
        for f in e.fields
        if (f.name in _STATUS_WORDS or f.name.endswith("_status"))
        and (
            f.type is FieldType.STRING
            or (f.type is FieldType.ENUM and (not f.choices or set(f.choices) & set(said)))
        )
    ]
    candidates = [b for b in bare if b[0] in named] or bare
    if len(candidates) != 1 or len(said) < 2:
        return None
    entity, fname, known = candidates[0]
    return entity, fname, [*known, *(v for v in said if v not in known)], pairs


def steps_on(
    steps: list[tuple[list[str], list[str]]], choices: list[str]
) -> list[tuple[list[str], str]]:
    """Each step as ([from], to) in `choices`; empty unless every step names two of them."""
    out: list[tuple[list[str], str]] = []
    for froms, tos in steps:
        source = next((v for f in froms if (v := _value_of(f, choices))), "")
        targets = [_value_of(t, choices) for t in tos]
        if not source or not all(targets) or source in targets:
            return []
        out += [([source], t) for t in targets]
    return out


__all__ = ["ARROW", "arrow_steps", "chain_in", "steps_on", "transition_in"]
