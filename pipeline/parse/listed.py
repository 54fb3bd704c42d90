"""Fields listed together before one bound, which the bound is said of: all of them. No I/O.

    "daily rate and deposit can't be negative"              -> daily_rate, deposit
    "innovation, design and execution (each 1-10)"          -> innovation, design, execution
    "width and height in cm (each 5 to 200)"                -> width, height
    "name, address, free beds (0 or more)"                  -> free_beds only (no "each", aside)

A list counts when it is joined by "and", "&" or "or" (a list of the items of one entity is
joined by commas only) and the bound follows it as a predicate ("... can't be negative") or
after "each", "both" or "all" ("(each 1-10)"); a bound in brackets without them is the last
item's alone.
"""

from __future__ import annotations

import re

from pipeline.parse.regexes import compiled

# What joins two items of a list, read backwards from the later one: ", ", " and ", ", and ".
_JOIN = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+|&\s+)?|\s+(?:and|or|&)\s+)$")
_COORDINATED = re.compile(r"\b(?:and|or)\b|&")
# Between the last item and its bound: the bound is said of each item.
_EACH = re.compile(r"\b(?:each|both|all|every one)\b")


def _pattern(words: list[str]) -> str:
    """A field's words as said in text: "daily rate", "daily-rate", "daily rates"."""
    joint = r"(?:e?s)?(?:'s)?(?:\s+in)?[\s_-]+"  # "weight in kg" for weight_kg
    return r"\b" + joint.join(re.escape(w) for w in words) + r"(?:e?s)?\b"


def _ending_at(low: str, end: int, fields: dict[str, list[str]]) -> tuple[str, int] | None:
    """The field whose words end right at `end` in `low` (the longest), and where they start."""
    best: tuple[str, int] | None = None
    for fname, words in fields.items():
        if not words:
            continue
        m = compiled(_pattern(words) + r"$").search(low[:end])
        if m and (best is None or m.start() < best[1]):
            best = (fname, m.start())
    return best


def listed_with(low: str, last: str, bound_start: int, fields: dict[str, list[str]]) -> list[str]:
    """The fields of `fields` (name -> words) listed with `last` right before a bound starting
    at `bound_start`, when the bound is said of all of them (nearest first, `last` left
    out); [] when none."""
    if not fields.get(last):
        return []
    said = list(compiled(_pattern(fields[last])).finditer(low[:bound_start]))
    if not said:
        return []
    m = said[-1]  # the mention nearest the bound
    gap = low[m.end() : bound_start]
    if "(" in gap and not _EACH.search(gap):
        return []  # "name, address, free beds (0 or more)": the aside is the last item's
    if re.search(r"[.;:!?]", gap) or len(gap) > 30:
        return []  # another sentence, or words enough to speak of something else
    found: list[str] = []
    start, joins = m.start(), ""
    while join := _JOIN.search(low[:start]):
        item = _ending_at(low, join.start(), fields)
        if item is None or item[0] == last or item[0] in found:
            break
        found.append(item[0])
        joins += join.group(0)
        start = item[1]
    return found if _COORDINATED.search(joins) else []


__all__ = ["listed_with"]
