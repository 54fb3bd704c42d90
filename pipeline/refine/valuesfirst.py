"""Choices named before the field they are for. No I/O.

    "pending, paid or shipped for the order status"
    "add 'billing' and 'technical' as a category on tickets (enum)"
    "hardcover, paperback or ebook should be the format of books"

are said again in the order the readers know, "add a <field> to <entity> that can be a, b or
c" (which adds the field, or changes the choices of the one there), and read by `rest`. The
field and its entity come from what follows the values: "the order status", "the status of
orders", "a category on tickets", "ticket tiers".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.naming import plural, singular, snake
from pipeline.refine.editor import SpecEditor

_VALUE = r"[a-z0-9][a-z0-9_-]*(?:\s+[a-z0-9_-]+){0,2}"
_FIRST = re.compile(
    rf"^(?:(?:add|use|allow|have|offer|support)\s+)?(?P<values>{_VALUE}(?:\s*,\s*{_VALUE})*,?\s+"
    rf"(?:or|and)\s+{_VALUE})\s+(?:for|as|should\s+be|must\s+be|are|will\s+be|could\s+be)\s+"
    r"(?:the\s+)?(?:(?:possible\s+)?(?:values|choices|options)\s+(?:for|of)\s+(?:the\s+)?)?"
    r"(?P<target>[a-z][a-z_ ]*?)$"
)
_LEADS = frozenset({"a", "an", "the", "each", "every"})


def values_first(ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]) -> list[str] | None:
    """The clause with its values after the field (see the module doc), read; None when it
    does not name values and then a field of an entity."""
    said = re.sub(r"[\"'`]", "", clause)
    said = re.sub(r"\s*\((?:an?\s+)?(?:enum|choices?)\)", "", said).strip()
    m = _FIRST.match(said)
    if m is None:
        return None
    values = [v.strip() for v in re.split(r",|\s+or\s+|\s+and\s+", m.group("values")) if v.strip()]
    where = _field_and_entity(ed, m.group("target"))
    if where is None or len(values) < 2:
        return None
    field, entity = where
    rows = plural(snake(entity)).replace("_", " ")
    listed = ", ".join(values[:-1]) + f" or {values[-1]}"
    return rest(f"add a {field} to {rows} that can be {listed}")


def _field_and_entity(ed: SpecEditor, target: str) -> tuple[str, str] | None:
    """ "the status of orders", "a category on tickets", "order status", "ticket tiers"."""
    words = [w for w in target.split() if w not in _LEADS]
    joined = " ".join(words)
    parted = re.match(
        r"^(?P<f>.+?)\s+(?:of|on|for|in)\s+(?:the\s+|all\s+|each\s+)?(?P<e>.+)$", joined
    )
    if parted:
        entity = ed.entity_or_none(parted.group("e"))
        field = parted.group("f")
    else:
        entity, field = None, ""
        for n in range(len(words) - 1, 0, -1):  # the longest entity name first
            entity = ed.entity_or_none(" ".join(words[:n]))
            if entity is not None:
                field = " ".join(words[n:])
                break
    if entity is None or not field:
        return None
    head, _, last = field.rpartition(" ")
    return (f"{head} {singular(last)}".strip(), entity)
