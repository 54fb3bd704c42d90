"""Shared phrase patterns and helpers of the refinement clause readers. No I/O."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.refine.editor import RefineError, SpecEditor
from pipeline.refine.refs import find_ref

Clause = Callable[[SpecEditor, str], list[str] | None]


_MODAL = r"(?:should|must|also|now|will|can|need|needs|have|has|get|gets|only)\b"


_ENTITY = (
    r"(?:each\s+|every\s+|the\s+|an?\s+|all\s+)?"
    rf"(?P<e>[a-z][a-z_]*(?:\s+(?!{_MODAL})[a-z][a-z_]*)?)"
)


_HAVE = (
    r"(?:\s+(?:should|must|also|now|will|can|need to|needs to))*\s+(?:have|has|get|gets|need|needs)"
)


_READ_VERBS = r"(?:see|read|view|list|access|browse|look at|get)"


_NUMBER = r"-?\d+(?:\.\d+)?"


def _num(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def _entity(ed: SpecEditor, phrase: str) -> str | None:
    return ed.entity_or_none(re.sub(r"^(?:each|every|the|an?|all)\s+", "", phrase.strip()))


def _need_auth(ed: SpecEditor) -> list[str]:
    if ed.data.get("auth") == "jwt":
        return []
    ed.data["auth"] = "jwt"
    return ["auth: jwt (turned on: ownership needs signed-in users)"]


_BE = r"\s+(?:should|must|has to|have to|needs to|need to|can only|can|shall|will)?\s*(?:also\s+|only\s+)?be"


def _field_ref(ed: SpecEditor, ref: str) -> tuple[str, str] | None:
    try:
        entity, field, _ = find_ref(ed, ref)
    except RefineError:
        return None
    return (entity, field) if field else None


def _added_field(ed: SpecEditor, changes: list[str]) -> tuple[str, str]:
    for change in changes:
        if found := re.match(r"^added field (\w+)\.(\w+)", change):
            return found.group(1), found.group(2)
    raise RefineError("I could not tell which field the range is for.")
