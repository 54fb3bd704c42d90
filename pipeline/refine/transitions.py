"""A status change allowed only from some states, said in words rather than as 'from X to Y':
"an order only becomes received after it has been shipped", "tickets should only be closable
once they are resolved", "an appointment can only be marked completed if it's still booked".

The clause names an entity and one of its enum fields' values before a condition word (after,
once, when, while, if): that value is where the record goes; the values named after the
condition word are where it may come from. No I/O.
"""

from __future__ import annotations

import re

from pipeline.naming import snake
from pipeline.parse.transitions import ARROW, arrow_steps, steps_on
from pipeline.refine.editor import SpecEditor
from pipeline.refine.rulewords import _rule

# Where the state the record goes to ends and the states it may come from begin.
_CONDITION = re.compile(r"\b(?:after|once|when|while|if|unless)\b")

# Endings a state's word takes in "closable", "cancellable", "completed", "reopened".
_ENDINGS = re.compile(r"(?:l?able|ible|ed|d|s)$")


def said_transition(ed: SpecEditor, clause: str) -> list[str] | None:
    """A transition rule read from a restriction ("only", "never ... unless") and a condition;
    None when the clause does not name exactly one state to go to and one or more to leave."""
    if not re.search(r"\bonly\b", clause):
        return None
    cut = _CONDITION.search(clause)
    if cut is None:
        return None
    head, condition = clause[: cut.start()], clause[cut.end() :]
    words = re.findall(r"[a-z_]+", head)
    entity = next((e for w in words if (e := ed.entity_or_none(w))), None)
    if entity is None:
        return None
    for field in ed.fields(entity):
        if field.get("type") != "enum":
            continue
        choices = [str(c) for c in field.get("choices", [])]
        to = _states(words, choices)
        froms = _states(re.findall(r"[a-z_]+", condition), choices)
        if len(to) == 1 and froms and to[0] not in froms:
            rule = {"kind": "transition", "entity": entity, "field": str(field["name"]),
                    "from_values": froms, "to": to[0]}  # fmt: skip
            return _rule(ed, rule)
    return None


def _states(words: list[str], choices: list[str]) -> list[str]:
    """The values among `choices` the words name, in the order said."""
    found: list[str] = []
    for word in words:
        state = _state(word, choices)
        if state is not None and state not in found:
            found.append(state)
    return found


def _state(word: str, choices: list[str]) -> str | None:
    word = snake(word)
    if word in choices:
        return word
    if len(word) < 5:
        return None
    stems = [_ENDINGS.sub("", word)]
    if word.startswith("re") and len(word) > 6:  # "reopened": back to open
        stems.append(_ENDINGS.sub("", word[2:]))
    for stem in stems:
        near = [
            c for c in choices if len(stem) >= 4 and c.startswith(stem[: max(4, len(stem) - 1)])
        ]
        if len(near) == 1:
            return near[0]
    return None


# "open can go to pending, open or pending can go to resolved, and resolved can go to closed"
_STEP = re.compile(
    r"(?P<from>[a-z_]+(?:(?:\s+or\s+|\s*,\s*)[a-z_]+)*)\s+can\s+(?:go|move|change|turn)\s+(?:to|into)\s+"
    r"(?P<to>[a-z_]+)"
)
_STEPS = re.compile(
    r"^[a-z_ ,]+?\s+can\s+(?:go|move|change|turn)\s+(?:to|into)\s+[a-z_]+(?:(?:,\s*(?:and\s+)?|\s+and\s+)"
    r"[a-z_ ,]+?\s+can\s+(?:go|move|change|turn)\s+(?:to|into)\s+[a-z_]+)*$"
)


def transition_chain(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "order status: pending -> shipped -> received": each arrow between two values of one
    enum field is a transition (where both are values, the arrow is no rename); so is each
    "open can go to pending". None when the values are not all of one enum field of the entity
    named before them (or in focus, or else of any one entity)."""
    if _STEPS.match(clause):
        pairs = [
            (re.split(r"\s+or\s+|\s*,\s*", step["from"]), step["to"])
            for step in _STEP.finditer(clause)
        ]
        return _transitions(ed, "", pairs)
    steps = arrow_steps(clause)  # the issue parser's reading of arrows (pipeline.parse)
    if not steps:
        return None
    start = snake(steps[0][0][-1])
    if any(snake(t) == start for _, tos in steps for t in tos):
        return None  # "open -> closed -> open": no order to read
    before = clause[: ARROW.search(clause).start()]  # type: ignore[union-attr]
    named = [e for w in re.findall(r"[a-z_]+", before) if (e := ed.entity_or_none(w))]
    found = [
        (entity, str(field["name"]), pairs)
        for entity in named or ([ed.focus] if ed.focus else ed.entity_names())
        for field in ed.fields(entity)
        if field.get("type") == "enum"
        and (pairs := steps_on(steps, [str(c) for c in field.get("choices", [])]))
    ]
    if len(found) != 1:
        return None  # no enum holds them all, or two do
    (entity, field, pairs), changes = found[0], []
    for froms, to in pairs:
        changes += _rule(ed, {"kind": "transition", "entity": entity, "field": field,
                              "from_values": froms, "to": to})  # fmt: skip
    return changes


def _transitions(
    ed: SpecEditor, before: str, pairs: list[tuple[list[str], str]]
) -> list[str] | None:
    """A transition rule for each (from, to) pair, on the one enum field of the entity named in
    `before` (or in focus, or any) whose values hold every state; None when not exactly one."""
    states = {s for froms, to in pairs for s in (*froms, to)}
    named = [e for w in re.findall(r"[a-z_]+", before) if (e := ed.entity_or_none(w))]
    found = [
        (entity, str(field["name"]))
        for entity in named or ([ed.focus] if ed.focus else ed.entity_names())
        for field in ed.fields(entity)
        if field.get("type") == "enum" and states <= {str(c) for c in field.get("choices", [])}
    ]
    if len(found) != 1:
        return None  # no enum holds them all, or two do
    (entity, field), changes = found[0], []
    for froms, to in pairs:
        changes += _rule(ed, {"kind": "transition", "entity": entity, "field": field,
                              "from_values": froms, "to": to})  # fmt: skip
    return changes
