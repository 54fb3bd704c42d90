"""Instructions that change one field: its type, unique/optional/required, default, choices.

"make email unique on users", "posts.title should be optional", "price of products should be a
decimal", "views on posts defaults to 0", "status of orders is one of new, paid, shipped".
No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pipeline.naming import snake
from pipeline.parse.phrases import split_list
from pipeline.parse.vocab import TYPE_WORDS
from pipeline.refine.editor import RefineError, SpecEditor
from pipeline.refine.refs import find_ref
from pipeline.spec import Field, FieldType

FieldRule = Callable[[SpecEditor, str], list[str] | None]

# Property words -> field attributes. Types come from the parser's TYPE_WORDS.
_FLAGS: dict[str, dict[str, Any]] = {
    "unique": {"unique": True},
    "not unique": {"unique": False},
    "non-unique": {"unique": False},
    "no longer unique": {"unique": False},
    "optional": {"required": False},
    "nullable": {"required": False},
    "not required": {"required": False},
    "not mandatory": {"required": False},
    "required": {"required": True},
    "mandatory": {"required": True},
    "not optional": {"required": True},
    "not nullable": {"required": True},
}
_TYPE_ALTERNATION = "|".join(
    re.escape(w) for w in sorted(TYPE_WORDS, key=len, reverse=True) if w != "enum"
)
_PROP = (
    "(?P<prop>"
    + "|".join(re.escape(w) for w in sorted(_FLAGS, key=len, reverse=True))
    + rf"|(?:an?\s+)?(?:{_TYPE_ALTERNATION})(?:\s+(?:field|column|value))?)"
)
_PROPERTY_FORMS = (
    re.compile(rf"^(?:make|mark|set)\s+(?P<ref>.+?)\s+(?:as\s+)?{_PROP}$"),
    re.compile(
        rf"^(?:make|mark|set)\s+(?P<ref>.+?)\s+(?:as\s+)?{_PROP}\s+(?:on|in|for|of)\s+(?:the\s+)?(?P<e>.+)$"
    ),
    re.compile(
        rf"^(?P<ref>.+?)\s+(?:should|must|needs to|need to|has to|have to|will|shall)\s+(?:now\s+|also\s+)?be\s+{_PROP}$"
    ),
    re.compile(rf"^(?P<ref>.+?)\s+(?:is|are)\s+(?:now\s+)?{_PROP}$"),
    re.compile(
        rf"^(?:change|convert|switch|turn)\s+(?:the\s+type\s+of\s+)?(?P<ref>.+?)\s+(?:to|into)\s+{_PROP}$"
    ),
    re.compile(rf"^(?:make|set|change)\s+(?:the\s+)?type\s+of\s+(?P<ref>.+?)\s+(?:to\s+)?{_PROP}$"),
)
_CHOICES = re.compile(
    r"^(?:make\s+|set\s+)?(?:the\s+)?(?P<ref>.+?)\s*(?:(?:is|are|can be|should be|must be|will be)"
    r"\s*)?\(one of (?P<choices>[^)]+)\)$"
)
_CAN_BE = re.compile(
    r"^(?:the\s+)?(?P<ref>.+?)\s+(?:can be|is either|are either|must be either|should be either)"
    r"\s+(?P<list>.+)$"
)
_DEFAULT_FORMS = (
    re.compile(
        r"^(?:set\s+)?(?:the\s+)?default\s+(?:value\s+)?(?:of|for)\s+(?P<ref>.+?)\s+(?:to|=|is|as)\s+(?P<v>.+)$"
    ),
    re.compile(
        r"^(?!make |set |let )(?P<ref>.+?)\s+(?:(?:should|must|will|shall)\s+)?defaults?\s+(?:to|is|=)\s+(?P<v>.+)$"
    ),
    re.compile(r"^(?:make|set|let)\s+(?P<ref>.+?)\s+default\s+to\s+(?P<v>.+)$"),
    re.compile(r"^default\s+(?P<ref>.+?)\s+to\s+(?P<v>.+)$"),
)
_NO_DEFAULT = re.compile(
    r"^(?:remove|drop|delete)\s+the\s+default\s+(?:value\s+)?(?:of|for|on)\s+(?P<ref>.+)$"
)


def field_rules() -> tuple[FieldRule, ...]:
    return (choices, no_default, default, properties)


def choices(ed: SpecEditor, clause: str) -> list[str] | None:
    m = _CHOICES.match(clause)
    if m is not None:
        values = [snake(v) for v in m.group("choices").split("|") if snake(v)]
        return _set_choices(ed, m.group("ref"), values)
    m = _CAN_BE.match(clause)
    if m is None:
        return None
    items = split_list(m.group("list"))
    if len(items) < 2 or any(len(i.split()) > 3 for i in items):
        return None
    try:
        find_ref(ed, m.group("ref"))
    except RefineError:
        return None  # "posts can be ..." about something that is not a field
    return _set_choices(ed, m.group("ref"), [snake(i) for i in items if snake(i)])


def _set_choices(ed: SpecEditor, ref: str, values: list[str]) -> list[str]:
    entity, field, phrase = find_ref(ed, ref)
    if field is not None and field != snake(phrase) and _not_choices(ed.field(entity, field)):
        field = None  # "a unit" is not the decimal unit_price it begins: a field of its own
    if field is None:
        name = snake(phrase)
        default = values[0] if name in ("status", "state") else None
        new = Field(name=name, type=FieldType.ENUM, choices=values, default=default)
        return ed.add_field(entity, new)
    current = ed.field(entity, field)
    default = current.default if current.default in values else None
    if default is None and field in ("status", "state"):
        default = values[0]
    return ed.update_field(entity, field, type="enum", choices=values, default=default)


def _not_choices(field: Field) -> bool:
    """A field no list of values could be meant for: a number, a date, a flag, a file."""
    return field.type not in (FieldType.ENUM, FieldType.STRING, FieldType.TEXT)


def no_default(ed: SpecEditor, clause: str) -> list[str] | None:
    m = _NO_DEFAULT.match(clause)
    if m is None:
        return None
    entity, field = _existing(ed, m.group("ref"))
    return ed.update_field(entity, field, default=None)


def default(ed: SpecEditor, clause: str) -> list[str] | None:
    for form in _DEFAULT_FORMS:
        m = form.match(clause)
        if m is None:
            continue
        entity, field = _existing(ed, m.group("ref"))
        value = typed_value(ed.field(entity, field), m.group("v"))
        return ed.update_field(entity, field, default=value)
    return None


def properties(ed: SpecEditor, clause: str) -> list[str] | None:
    for form in _PROPERTY_FORMS:
        m = form.match(clause)
        if m is None:
            continue
        groups = m.groupdict()
        ref = f"{groups['ref']} of {groups['e']}" if groups.get("e") else groups["ref"]
        entity, field = _existing(ed, ref)
        prop = re.sub(r"^(?:an?)\s+|\s+(?:field|column|value)$", "", groups["prop"])
        if prop in _FLAGS:
            return ed.update_field(entity, field, **_FLAGS[prop])
        new_type = TYPE_WORDS[prop]
        if new_type is FieldType.FILE:
            raise RefineError(
                f"For a file, say `{entity.lower()}s can have a {field} upload`: uploads get "
                "their own endpoint."
            )
        return ed.update_field(entity, field, type=new_type.value)
    return None


def _existing(ed: SpecEditor, ref: str) -> tuple[str, str]:
    entity, field, phrase = find_ref(ed, ref)
    if field is None:
        raise RefineError(
            f"{entity} has no field {phrase!r}; its fields are {ed.fields_of(entity)}."
        )
    return entity, field


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def typed_value(field: Field, text: str) -> str | int | float | bool:
    """A default written in an instruction, as a value of the field's type."""
    raw = text.strip().strip("\"'`")
    word = raw.lower()
    kind = field.type
    if kind is FieldType.BOOLEAN and word in _TRUE | _FALSE:
        return word in _TRUE
    try:
        if kind is FieldType.INTEGER:
            return int(word)
        if kind in (FieldType.FLOAT, FieldType.DECIMAL):
            number = float(word)
            return int(number) if number.is_integer() else number
    except ValueError:
        pass
    if kind is FieldType.ENUM and snake(raw) in field.choices:
        return snake(raw)
    if kind in (FieldType.STRING, FieldType.TEXT, FieldType.EMAIL, FieldType.PHONE, FieldType.URL):
        return raw
    raise RefineError(f"{raw!r} is not a default a {kind.value} field {field.name} can have.")
