"""How a text view lays out each record, read from the words: a line template of the record's
properties ("formatted `<version> [<kind>] <notes>`"; "SKU<TAB>quantity", "one line per item:
SKU, a tab, the quantity") and the order of the lines ("sorted by SKU"). No I/O.

`line_of(texts, props)` -> "<sku>\\t<quantity>" or ""; `order_of(texts, props)` -> the property
the lines are sorted by, or "".
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.schemas import norm

# How the words name the character between two values of a line.
_SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "space": " ",
    "colon": ":",
    "semicolon": ";",
    "pipe": "|",
}
_SEP = "|".join(_SEPARATORS)
# "SKU<TAB>quantity", "sku\tquantity", "SKU, a tab, the quantity", "sku then a tab then quantity"
_NAMED_SEP = re.compile(
    rf"(?<![\w<])(\w+)\s*(?:<({_SEP})>|\\t|,?\s*(?:then\s+)?an?\s+({_SEP})\s*(?:character)?,?"
    rf"\s*(?:then\s+|and\s+)?)\s*(?:the\s+|its\s+)?(\w+)",
    re.I,
)
# A line template in backticks whose values are written "<name>".
_TEMPLATE = re.compile(r"`([^`\n]*<\w+>[^`\n]*)`")
_ORDERED = re.compile(r"\b(?:sorted|ordered)\s+by\s+(?:the\s+|its\s+)?`?(\w+)`?", re.I)


def _prop(word: str, props: dict[str, Any]) -> str:
    return next((n for n in props if norm(n) == norm(word)), "")


def line_of(texts: list[str], props: dict[str, Any]) -> str:
    """The line each record makes, from the first text that gives one naming `props`."""
    for text in texts:
        for shown in _TEMPLATE.findall(text):
            names = re.findall(r"<(\w+)>", shown)
            if len(names) >= 2 and all(n in props for n in names):
                return str(shown)
        for match in _NAMED_SEP.finditer(text):
            first, second = _prop(match.group(1), props), _prop(match.group(4), props)
            word = (match.group(2) or match.group(3) or "tab").lower()
            if first and second and first != second:
                return f"<{first}>{_SEPARATORS[word]}<{second}>"
    return ""


def order_of(texts: list[str], props: dict[str, Any]) -> str:
    """The property the words sort a view's lines by ("sorted by SKU"), or ""."""
    for text in texts:
        for match in _ORDERED.finditer(text):
            found = _prop(match.group(1), props)
            if found:
                return found
    return ""
