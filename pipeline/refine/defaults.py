"""A default said on its own, after the values it is one of. No I/O.

"tickets should have a category: regular, vip or student. regular by default" and "a fresh post
should start out as a draft": the value names its field (an enum of the entity the sentence or
the comment is about that has it among its choices), so the clause becomes "category of tickets
should default to regular", read by the usual reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.refine.editor import SpecEditor
from pipeline.spec import FieldType

_SAID = (
    re.compile(r"^(?:and\s+)?(?:make\s+)?(?:it\s+|that\s+)?(?:should\s+be\s+)?(?P<v>[a-z0-9_]+)\s+"
               r"(?:by\s+default|as\s+(?:the\s+)?default|is\s+the\s+default|should\s+be\s+the\s+default)\b"),
    re.compile(r"^(?:and\s+)?(?:the\s+)?default\s+(?:is|should be|=|:)\s+(?:an?\s+)?(?P<v>[a-z0-9_]+)$"),
    re.compile(r"^(?:every(?:body|one|thing)|all|new\s+ones|(?:an?|each|every|the)?\s*(?:new|fresh)\s+"
               r"(?P<e>[a-z_]+)|(?:an?|each|every)\s+(?P<e2>[a-z_]+)\s+(?:should\s+)?(?:always\s+)?)\s*"
               r"(?:should\s+|will\s+)?(?:always\s+)?(?:starts?|begins?)\s+(?:out\s+|off\s+)?(?:at|as|in|with|on)\s+"
               r"(?:an?\s+|the\s+)?(?P<v>[a-z0-9_]+)\b"),
)  # fmt: skip


def default_value(editor: SpecEditor, clause: str, last: tuple[str | None, str | None]) -> str:
    """The clause as "<field> of <rows> should default to <value>", or as it was."""
    m = next((m for p in _SAID if (m := p.match(clause))), None)
    if m is None:
        return clause
    named = m.groupdict().get("e") or m.groupdict().get("e2")
    entity = editor.entity_or_none(named) if named else last[0]
    if entity is None:
        return clause
    value = m["v"]
    fields = [
        f for f in editor.spec().entity(entity).fields
        if f.type is FieldType.ENUM and value in f.choices
    ]  # fmt: skip
    fields.sort(key=lambda f: f.name != last[1])
    if not fields:
        return clause
    rows = editor.spec().entity(entity).plural.replace("_", " ")
    return f"{fields[0].name} of {rows} should default to {value}"


def said_default(
    editor: SpecEditor, clause: str, rest: Callable[[str], list[str]]
) -> list[str] | None:
    """`default_value` as a rewrite of the one reader, with the entity in view (so a clause
    tried alone while a sentence is split reads the same as when it is applied)."""
    said = default_value(editor, clause, (editor.focus, None))
    return None if said == clause else rest(said)
