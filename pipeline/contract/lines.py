"""How a text view lays out each record, read from the words: a line template of the record's
properties ("formatted `<version> [<kind>] <notes>`"; "SKU<TAB>quantity", "one line per item:
SKU, a tab, the quantity") and the order of the lines ("sorted by SKU"). No I/O.

`line_of(texts, props)` -> "<sku>\\t<quantity>" or ""; `order_of(texts, props)` -> the property
the lines are sorted by, or "".
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.schemas import is_number, norm

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
_ORDERED = re.compile(
    r"\b(?:(?:sorted|ordered)\s+by\s+(?:the\s+|its\s+)?`?(\w+)`?|in\s+`?(\w+)`?\s+order)\b", re.I
)


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
    "1. title - pages": "<#>" numbers the lines from 1; "Title by Author": a word between
    two names is written as it is), or ""."""
    words = re.findall(r"[A-Za-z_]\w*", shown)
    named = [_prop(w, props) for w in words]
    between = [w for w, n in zip(words, named, strict=True) if not n]
    if len(set(filter(None, named))) < 2 or not (named[0] and named[-1]):
        return ""
    if len(between) > 1 or any(not w.islower() for w in between):
        return ""

    def value(match: re.Match[str]) -> str:
        found = _prop(match.group(0), props)
        return f"<{found}>" if found else match.group(0)

    line = re.sub(r"[A-Za-z_]\w*", value, shown)
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
            line = _labelled_values(shown.strip(), props)
            if line:
                return line
    return ""


_DATE_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?")
_NUMBER_VALUE = re.compile(r"-?\d+(?:\.\d+)?")


def _labelled_values(shown: str, props: dict[str, Any]) -> str:
    """An example line of dates and labelled numbers ("2030-05-01 pH 7.2 nitrate 10"), read
    back as the record's properties: a date is its one date, a number the property its label
    starts ("nitrate" -> "nitrate_ppm", "temp" -> "temperature_c"); the labels stay. "" when a
    value is left unnamed or fewer than two properties are shown."""
    dates = [n for n, p in props.items() if isinstance(p, dict) and "date" in str(p.get("format"))]
    numbers = [n for n, p in props.items() if isinstance(p, dict) and is_number(p)]
    out: list[str] = []
    label = ""
    for word in shown.split():
        if _DATE_VALUE.fullmatch(word) and len(dates) == 1:
            out.append(f"<{dates[0]}>")
        elif _NUMBER_VALUE.fullmatch(word):
            named = [n for n in numbers if label and norm(n).startswith(norm(label))]
            if len(named) != 1:
                return ""
            out.append(f"<{named[0]}>")
        else:
            out.append(word)
        label = word
    shown_props = re.findall(r"<(\w+)>", " ".join(out))
    return " ".join(out) if len(set(shown_props)) >= 2 else ""


def order_of(texts: list[str], props: dict[str, Any]) -> str:
    """The property the words sort a view's lines by ("sorted by SKU"), or ""."""
    for text in texts:
        for match in _ORDERED.finditer(text):  # "sorted by SKU", "in title order"
            found = _prop(match.group(1) or match.group(2), props)
            if found:
                return found
    return ""


# A fenced example of the words ("```\nTitle: <title>\nSheets: <sheets>\n```").
_FENCE = re.compile(r"^[ \t]*```[^\n]*\n(.*?)\n[ \t]*```", re.M | re.S)
# People a card's label names: the record's maker.
_MAKERS = {"teacher", "owner", "author", "creator", "by", "maker", "who", "member", "user"}


def card_of(after: str, props: dict[str, Any]) -> str:
    """The card a fenced example right after a view's path shows, line by line ("Title:
    <title>", "Sheets: <sheets>", "Needed by: <YYYY-MM-DD>" of `needed_by`, "Teacher:
    <teacher's name>" of the record's maker as `<_owner>`), or "" where a line names nothing."""
    fenced = _FENCE.search(after)
    if not fenced or after[: fenced.start()].count("`") > 12:
        return ""
    lines = [ln.strip() for ln in fenced.group(1).splitlines() if ln.strip()]
    out: list[str] = []
    for line in lines:
        named = [n for n in re.findall(r"<([^<>]+)>", line) if n in props]
        label = re.match(r"([A-Za-z][\w '-]*?):\s*<[^<>]+>\s*$", line)
        if named or not label:
            out.append(line)
            continue
        word = norm(label.group(1))
        found = _prop(label.group(1).replace(" ", "_"), props) or _prop(word, props)
        if found:
            out.append(f"{label.group(1)}: <{found}>")
        elif word in _MAKERS or label.group(1).lower().split()[-1] in _MAKERS:
            out.append(f"{label.group(1)}: <_owner>")
        else:
            return ""
    shown = [n for ln in out for n in re.findall(r"<(\w+)>", ln)]
    return "\n".join(out) if len(out) >= 2 and len(shown) == len(out) else ""
