"""Field references in instructions: "posts.title", "title of posts", "the post's title",
"user email", or a bare "email" when one entity has it. No I/O."""

from __future__ import annotations

import re

from pipeline.refine.editor import RefineError, SpecEditor

_PREPOSITION = re.compile(
    r"\s+(?:field\s+|column\s+)?(?:of|on|in|for|from)\s+(?:the\s+|all\s+|each\s+|every\s+|an?\s+)?"
)
_FORMS = (
    re.compile(r"^(?P<e>[a-z][a-z0-9_ ]*)\.(?P<f>[a-z][a-z0-9_ ]*)$"),
    re.compile(
        r"^(?:the\s+|an?\s+|each\s+|every\s+)?(?P<e>[a-z][a-z0-9_]*?)(?:'s|s')\s+(?P<f>.+)$"
    ),
    re.compile(r"^(?:the\s+)?(?P<e>[a-z][a-z0-9_]*s)'\s+(?P<f>.+)$"),  # "replies' sent at"
    re.compile(r"^(?:the\s+|an?\s+|each\s+|every\s+)?(?P<e>[a-z][a-z0-9_]*)\s+(?P<f>[a-z].*)$"),
)


def find_ref(ed: SpecEditor, text: str) -> tuple[str, str | None, str]:
    """(entity, field name or None when it has no such field, the field phrase)."""
    text = re.sub(r"\s+(?:field|column|attribute|property)$", "", text.strip())
    candidates: list[tuple[bool, str, str]] = []  # (explicit?, entity phrase, field phrase)
    if m := _FORMS[0].match(text):
        candidates.append((True, m.group("e"), m.group("f")))
    for m in _PREPOSITION.finditer(text):  # "number of pages of books": every split point
        candidates.append((True, text[m.end() :], text[: m.start()]))
    for form in _FORMS[1:]:
        if m := form.match(text):
            candidates.append((False, m.group("e"), m.group("f")))
    for explicit, entity_phrase, field_phrase in candidates:
        entity = ed.entity_or_none(entity_phrase)
        if entity is None:
            continue
        phrase = re.sub(r"^(?:the|an?)\s+", "", field_phrase.strip())
        phrase = re.sub(r"\s+(?:field|column|attribute|property)$", "", phrase)
        field = ed.field_name(entity, phrase)
        if field is not None or explicit:  # "user email" must name a field to mean one
            return entity, field, phrase
    phrase = re.sub(r"^(?:the|an?)\s+", "", text)
    owners = [e for e in ed.entity_names() if ed.field_name(e, phrase)]
    if len(owners) == 2 and "User" in owners:  # the login entity's fields are rarely meant
        owners.remove("User")
    if len(owners) > 1 and ed.focus in owners:  # "Doctors: ... Make phone optional."
        owners = [ed.focus]
    if len(owners) == 1:
        return owners[0], ed.field_name(owners[0], phrase), phrase
    if len(owners) > 1:
        raise RefineError(
            f"{', '.join(owners)} all have {phrase!r}; say which, e.g. `{phrase} of "
            f"{owners[0].lower()}s`."
        )
    raise RefineError(
        f"I could not find a field {phrase!r}; write it as `field of entity` "
        f"(entities: {', '.join(ed.entity_names())})."
    )
