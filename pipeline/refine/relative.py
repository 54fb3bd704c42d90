"""A clause that says "the same" of something else, said in full. No I/O.

"Posts should be soft deleted, and the same for comments"; "warehouse names should not be
blank, and cities neither"; "make notes optional, and due_date too". The clause before is said
again with the thing it was about (its entity, or its field) replaced by the one named:

    same_for(ed, "posts should be soft deleted", "the same for comments", ("Post", None))
        -> "comments should be soft deleted"
"""

from __future__ import annotations

import re

from pipeline.naming import plural, singular, snake
from pipeline.refine.editor import SpecEditor

_FORMS = (
    re.compile(r"^(?:and\s+|but\s+)?(?:the\s+)?same\s+(?:goes\s+|applies\s+)?(?:for|with|to)\s+(?P<x>.+)$"),
    re.compile(r"^(?:and\s+)?(?:likewise|ditto)\s+(?:for\s+)?(?P<x>.+)$"),
    re.compile(r"^(?:and\s+|but\s+)?(?:also\s+)?(?:for\s+)?(?:the\s+)?(?P<x>[a-z_' ]+?)\s+"
               r"(?:too|as well|also|neither|either)$"),
    re.compile(r"^(?:and\s+)?(?:so\s+(?:should|do|does|must|can)|nor\s+(?:should|do|does|can))\s+"
               r"(?:the\s+)?(?P<x>[a-z_' ]+)$"),
)  # fmt: skip
# "make notes optional, and due_date too" with "too" cut: a bare name, of a field only ("reviews
# belong to a product and a customer" names a second entity, not the same change for it)
_BARE = re.compile(r"^(?:and\s+)?(?:the\s+)?(?P<x>[a-z_']+(?:\s+[a-z_']+){0,2})$")


def same_for(
    ed: SpecEditor, clause: str, piece: str, about: tuple[str | None, str | None]
) -> str | None:
    """`clause` said of what `piece` names instead of `about`; None when `piece` says no "the
    same", or what it names is neither an entity nor a field of the entity in view."""
    said = piece.strip()
    m = next((found for f in _FORMS if (found := f.match(said))), None)
    bare = m is None and (m := _BARE.match(said)) is not None
    entity, field = about
    if m is None or entity is None:
        return None
    named = m.group("x").strip().removesuffix("'s").strip("'")
    other = ed.entity_or_none(named)
    if other is not None and other != entity and not bare:
        return _replace(clause, _forms(entity), plural(snake(other)).replace("_", " "))
    if field is None:
        return None
    if other is None and (owned := _owner_and_field(ed, named)) and owned[0] != entity:
        owner, its = owned  # "task titles can't be blank, and the same for list names"
        plain = _replace(clause, _forms(entity), "") or clause
        return _replace(plain, _forms(field), f"{its.replace('_', ' ')} of {plural(snake(owner))}")
    other_field = ed.field_name(entity, named) or ed.field_name(entity, singular(named))
    if other_field is None or other_field == field:
        return None
    by = other_field.replace("_", " ")
    if _replace(clause, _forms(entity), "") is None:  # "make the specialty optional": whose
        by = f"{by} of {plural(snake(entity)).replace('_', ' ')}"  # phone is meant
    return _replace(clause, _forms(field), by)


def _owner_and_field(ed: SpecEditor, named: str) -> tuple[str, str] | None:
    """ "list names" -> ("List", "name"): an entity's name, then one of its fields."""
    words = named.split()
    for i in range(1, len(words)):
        owner = ed.entity_or_none(" ".join(words[:i]))
        rest = " ".join(words[i:])
        if owner is not None and (
            its := ed.field_name(owner, rest) or ed.field_name(owner, singular(rest))
        ):
            return owner, its
    return None


def _forms(name: str) -> list[str]:
    key = snake(name)
    words = {key, plural(key), singular(key)}
    return sorted({w.replace("_", " ") for w in words} | words, key=len, reverse=True)


def _replace(clause: str, forms: list[str], by: str) -> str | None:
    for form in forms:
        said, n = re.subn(rf"\b{re.escape(form)}\b", by, clause, count=1)
        if n:
            return said
    return None
