"""A field asked for "like <entity> has": the other entity's field is the model. No I/O.

    like_other(ed, "replies should have an optional file attachment, like tickets do", rest)
        -> Reply.attachment (file, optional), as Ticket.attachment is
    like_other(ed, "tasks need a color, same as lists", rest)
        -> Task.color (string), as List.color is

The request is read without the comparison (by `rest`, the full reader); the field it added is
then matched with a field of the entity named (the same name, or one of its words: "file
attachment" is the ticket's `attachment`), and takes that field's name, type, choices, default
and uniqueness. Whether it is optional is what the request says, else what the model is. An
entity named that has no such field is a question, not a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.refine.editor import RefineError, SpecEditor
from pipeline.refine.phrasing import _added_field
from pipeline.spec import Field, FieldType

_LIKE = re.compile(
    r"^(?P<req>.+?)[,;]?\s+(?:just\s+|exactly\s+)?(?:like|as)\s+(?:the\s+)?(?P<e>[a-z][a-z_ ]*?)"
    r"\s+(?:already\s+)?(?:do|does|did|have|has|had|got)(?:\s+(?:already|now|too))?$"
)
_SAME_AS = re.compile(
    r"^(?P<req>.+?)[,;]?\s+(?:just\s+|exactly\s+)?(?:the\s+)?same\s+as\s+(?:(?:on|for|in)\s+)?"
    r"(?:the\s+)?(?P<e>[a-z][a-z_ ]*?)(?:'s?)?(?:\s+(?:do|does|have|has))?$"
)


# A piece that is only the comparison: "same as products", "just like authors do". It belongs
# to the request before it (clauses and sentences are not split before it).
COMPARISON = re.compile(
    r"^(?:just\s+|exactly\s+)?(?:(?:the\s+)?same\s+as\s+\S+|like\s+(?:the\s+)?[a-z][a-z_]*(?:\s+[a-z_]+)?"
    r"\s+(?:already\s+)?(?:do|does|did|have|has|had)\b)",
    re.IGNORECASE,
)


def like_other(ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]) -> list[str] | None:
    """A field modelled on another entity's (see the module doc); None when the clause makes
    no such comparison, or names no entity in it."""
    m = _LIKE.match(clause) or _SAME_AS.match(clause)
    if m is None:
        return None
    model_entity = ed.entity_or_none(m.group("e").strip())
    if model_entity is None:
        return None
    request = re.sub(r"\s+(?:too|as well|also)$", "", m.group("req").strip())
    changes = rest(request)
    try:
        entity, name = _added_field(ed, changes)
    except RefineError:
        return None  # not a field: "soft delete comments, like posts" is read elsewhere
    model = _model(ed, model_entity, name)
    if model is None:
        raise RefineError(
            f"{model_entity} has no field like {name.replace('_', ' ')!r} to copy; say its type "
            f"instead (e.g. `add a {name.replace('_', ' ')} (text) to {entity.lower()}s`)."
        )
    said_required = re.search(r"\b(?:optional|required|mandatory|nullable)\b", request)
    made = ed.field(entity, name)
    if name != model.name:
        changes = _renamed(changes, entity, name, model.name)
        ed.rename_field(entity, name, model.name)
    copy = {
        "type": model.type.value,
        "choices": list(model.choices),
        "default": model.default,
        "unique": model.unique,
        "required": made.required if said_required else model.required,
    }
    after = ed.field(entity, model.name).model_dump(mode="json")
    if any(after.get(k) != v for k, v in copy.items()):
        ed.update_field(entity, model.name, **copy)
    if model.type is FieldType.FILE:
        ed.add_upload(entity, model.name)
    field = ed.field(entity, model.name)
    return [c for c in changes if not c.startswith(f"upload endpoint for {entity}.")] + [
        f"{entity}.{field.name} is made like {model_entity}.{model.name} ({field.type.value})"
    ]


def _model(ed: SpecEditor, entity: str, made: str) -> Field | None:
    """The field of `entity` that `made` (the new field's name) is: the same name, or the one
    whose name is a whole part of it ("file_attachment" -> "attachment")."""
    fields = ed.spec().entity(entity).fields
    same = [f for f in fields if f.name == made]
    if same:
        return same[0]
    words = made.split("_")
    parts = [
        f
        for f in fields
        if any(
            words[i : i + len(f.name.split("_"))] == f.name.split("_") for i in range(len(words))
        )
    ]
    return parts[0] if len(parts) == 1 else None


def _renamed(changes: list[str], entity: str, old: str, new: str) -> list[str]:
    return [re.sub(rf"\b{entity}\.{old}\b", f"{entity}.{new}", c) for c in changes]
