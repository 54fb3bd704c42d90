"""More values for a field that has a list of them, said the ways reviewers say it. No I/O.

    "add a no_show status for appointments"        -> no_show joins Appointment.status's values
    "add transfer to the reason options of stock movements"
    "stock movement reasons should include transfer"

A field is named together with its entity, in either order ("the reason of stock movements",
"stock movement reasons"), and must be an enum of that entity: otherwise this is no reading
of the clause, and the other readers try it. "add a payment status to orders" makes a field
`payment_status`: a word before the field's name is read as a value only when it looks like one
(a state such as "refunded", or a name written with "_" or "-").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.naming import singular, snake
from pipeline.parse.vocab import TYPE_WORDS
from pipeline.refine.editor import AlreadyDone, SpecEditor

_VALUE = r"[a-z0-9][a-z0-9_-]*"
_VALUES = rf"(?P<v>{_VALUE}(?:\s*(?:,|/)\s*(?:and\s+|or\s+)?{_VALUE}|\s+(?:and|or)\s+{_VALUE})*)"
_LIST_WORDS = r"(?:options?|values?|choices?|states?|statuses|types?|kinds?|list)"
_NAMED = r"(?P<n>[a-z][a-z_' ]*?)"

_FORMS = (
    # "add a no_show status for appointments", "add an on-hold state to tickets"
    re.compile(
        rf"^add\s+(?:an?\s+|the\s+)?(?:new\s+)?(?P<v>{_VALUE})\s+(?P<f>[a-z_]+)"
        rf"(?:\s+{_LIST_WORDS})?\s+(?:to|for|on|in)\s+(?:the\s+|all\s+)?(?P<e>[a-z][a-z_ ]*)$"
    ),
    # "add transfer to the reason options of stock movements", "add x and y to the ... list"
    re.compile(
        rf"^add\s+{_VALUES}\s+(?:to|as)\s+(?:the\s+)?(?:possible\s+|allowed\s+)?{_NAMED}"
        rf"(?:\s+{_LIST_WORDS})?(?:\s+(?:of|for|on)\s+(?:the\s+)?(?P<e>[a-z][a-z_ ]*))?$"
    ),
    # "stock movement reasons should include transfer", "the reason can also be transfer"
    re.compile(
        rf"^(?:the\s+)?{_NAMED}(?:\s+{_LIST_WORDS})?\s+(?:should|must|can|could|needs? to)\s+"
        rf"(?:also\s+)?(?:include|contain|allow|accept|support|have)\s+{_VALUES}$"
    ),
)


def more_choices(ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]) -> list[str] | None:
    """New values of an enum field of an entity the clause names, or None (not this reading)."""
    for i, form in enumerate(_FORMS):
        m = form.match(clause)
        if m is None:
            continue
        values = [snake(v) for v in re.split(r"\s*(?:,|/)\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+",
                                                m["v"]) if v]  # fmt: skip
        if not values or any(v in TYPE_WORDS for v in values):
            continue
        if i == 0 and not _looks_like_value(m["v"]):
            continue
        named = m.groupdict().get("f") or m.groupdict().get("n") or ""
        found = _enum_field(ed, named, m.groupdict().get("e"))
        if found is None:
            continue
        entity, field = found
        choices = ed.field(entity, field).choices
        new = [v for v in dict.fromkeys(values) if v not in choices]
        if not new:
            raise AlreadyDone(f"{entity}.{field} can be {', '.join(values)} already.")
        return ed.update_field(entity, field, choices=[*choices, *new])
    return None


def _looks_like_value(word: str) -> bool:
    """ "refunded", "no_show", "on-hold": a state, not the first word of a field's name."""
    return bool(re.search(r"[_-]|ed$", word))


def _enum_field(ed: SpecEditor, named: str, entity_said: str | None) -> tuple[str, str] | None:
    """(entity, enum field) for "reason" + "stock movements", or "stock movement reasons"
    alone (the entity's words first, the field's after)."""
    named = re.sub(r"'s\b|s'(?=\s|$)", "", named).strip()
    if entity_said:
        pairs = [(entity_said, named)]
    else:
        words = named.split()
        pairs = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    for entity_words, field_words in pairs:
        entity = ed.entity_or_none(entity_words)
        if entity is None:
            continue
        for phrase in (field_words, " ".join(singular(w) for w in field_words.split())):
            field = ed.field_name(entity, phrase)
            if field is not None and ed.field(entity, field).type.value == "enum":
                return entity, field
    return None
