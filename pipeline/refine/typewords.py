"""Types written as everyday words in a field's parentheses, said as the type names. No I/O.

    type_hints("add a discount (percentage) to products") -> "add a discount (float) to products"
    type_hints("add a paid (yes or no) to orders") -> "add a paid (boolean) to orders"

Only a whole item of a parenthesis is read ("(percentage, optional)"), so a parenthesis that
lists values or explains something is left as written, and so is one that lists fields
("add refunds (order, amount, reason)": "amount" is a field there, not a type). A property before a type in one item is
put after it: "(optional datetime)" -> "(datetime, optional)".
"""

from __future__ import annotations

import re

from pipeline.spec import FieldType

# Everyday words for a type -> the type word the field reader knows.
HINTS: dict[str, str] = {
    **dict.fromkeys(("percentage", "percent", "a percentage", "ratio", "fraction", "%"), "float"),
    **dict.fromkeys(
        ("yes or no", "yes/no", "y/n", "true or false", "on/off", "checkbox"), "boolean"
    ),
    **dict.fromkeys(("a number", "whole number", "count", "a count", "number of"), "integer"),
    **dict.fromkeys(("amount", "an amount", "price", "cost", "euros", "dollars"), "decimal"),
    **dict.fromkeys(("link", "a link", "web address", "address of a page"), "url"),
    **dict.fromkeys(("free text", "long text", "paragraph", "rich text", "prose"), "text"),
    **dict.fromkeys(("short string", "short text", "a short string", "one line"), "string"),
    **dict.fromkeys(("date and time", "date time", "a timestamp", "point in time"), "datetime"),
    **dict.fromkeys(("a date", "day"), "date"),
    **dict.fromkeys(("an email", "email address", "e-mail"), "email"),
    **dict.fromkeys(("phone number", "a phone number"), "phone"),
}
_PAREN = re.compile(r"\((?P<items>[^()]*)\)")


_TYPES = {t.value for t in FieldType}
_PROPERTY_FIRST = re.compile(r"^(?P<p>optional|required|unique|nullable)\s+(?P<t>.+)$")


def _item(text: str) -> str:
    word = text.strip()
    if (first := _PROPERTY_FIRST.match(word)) and (
        (kind := HINTS.get(first["t"], first["t"])) in _TYPES
    ):
        prop = "optional" if first["p"] == "nullable" else first["p"]
        return f" {kind}, {prop}"
    return f" {HINTS[word]}" if word in HINTS else text


_ABOUT_A_FIELD = re.compile(
    r"^(?:optional|required|unique|nullable|not null|indexed|(?:max|min|default|at most|at least"
    r"|up to)\b.*|.*\d.*)$"
)


def _about_one_field(item: str) -> bool:
    """Is this item of a parenthesis said of one field (its type or a property: "percentage",
    "optional", "default 0") rather than a field of its own ("amount" among "order, amount")?"""
    word = item.strip()
    kind = HINTS.get(word, word)
    return kind in _TYPES or bool(_ABOUT_A_FIELD.match(word) or _PROPERTY_FIRST.match(word))


def type_hints(sentence: str) -> str:
    """Each parenthesised type word in `sentence` replaced by its type name."""

    def said(m: re.Match[str]) -> str:
        items = m.group("items").split(",")
        if sum(not _about_one_field(i) for i in items) >= 2:
            return m.group(0)  # "add refunds (order, amount, reason)": a list of fields
        return "(" + ",".join(_item(i) for i in items).strip() + ")"

    return _PAREN.sub(said, sentence)
