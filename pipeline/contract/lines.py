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
        for shown in re.findall(r"`([^`\n]+)`|\"([^\"\n]+)\"", text):
            found = _named_line("".join(shown), props)  # "`Title (year)`": names as words
            if found:
                return found
        for match in _NAMED_SEP.finditer(text):
            first, second = _prop(match.group(1), props), _prop(match.group(4), props)
            word = (match.group(2) or match.group(3) or "tab").lower()
            if first and second and first != second:
                return f"<{first}>{_SEPARATORS[word]}<{second}>"
    return ""


def _named_line(shown: str, props: dict[str, Any]) -> str:
    """A line written with the names of two or more properties as its words ("Title (year)",
    "1. title - pages": "<#>" numbers the lines from 1), or ""."""
    words = re.findall(r"[A-Za-z_]\w*", shown)
    named = [_prop(w, props) for w in words]
    if len(set(named)) < 2 or not all(named):
        return ""
    line = re.sub(r"[A-Za-z_]\w*", lambda m: f"<{_prop(m.group(0), props)}>", shown)
    return re.sub(r"^\d+(?=[.):] )", "<#>", line)


_NAME_WORDS = ("title", "name", "label", "text", "subject")
_SECONDS_WORDS = ("seconds", "secs", "duration", "length", "durationseconds", "lengthseconds")


def example_line(texts: list[str], props: dict[str, Any]) -> str:
    """The line an example in backticks shows ("like `1. Mustang Sally (3:25)`"), read back as
    the record's properties: a leading "1." numbers the lines, "3:25" is a duration in seconds
    written minutes:seconds, the words are the record's name or title. "" when it shows none."""
    strings = [
        n
        for n, p in props.items()
        if isinstance(p, dict)
        and p.get("type") == "string"
        and not p.get("format")
        and not p.get("enum")
    ]
    name = next((n for w in _NAME_WORDS for n in props if norm(n) == w), "")
    name = name or (strings[0] if strings else "")  # the record's first plain text ("town")
    seconds = next((n for w in _SECONDS_WORDS for n in props if norm(n) == w), "")
    for text in texts:
        for shown in re.findall(r"\b(?:like|e\.g\.|such as|as|example)\s*:?\s*`([^`\n]+)`", text):
            line = re.sub(r"^\d+(?=[.):] )", "<#>", shown.strip())
            if seconds:
                line = re.sub(r"\b\d{1,3}:\d{2}\b", f"<{seconds}:mmss>", line)
            if name:
                line = re.sub(r"[A-Za-z][A-Za-z'’&@ -]*[A-Za-z]", f"<{name}>", line, count=1)
            if line != shown and not re.search(r"[A-Za-z0-9](?![^<]*>)", line):
                return line
    return ""


def order_of(texts: list[str], props: dict[str, Any]) -> str:
    """The property the words sort a view's lines by ("sorted by SKU"), or ""."""
    for text in texts:
        for match in _ORDERED.finditer(text):
            found = _prop(match.group(1), props)
            if found:
                return found
    return ""
