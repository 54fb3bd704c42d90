"""Bounds on a value said in words: where they are in a (lower-case) unit and the numbers they
give. No I/O; `rules.py` ties each bound to the field named before it.

    bounds("rating from 1 (worst) to 5 (best)")  -> [Bound(7, 26, 1.0, 5.0)]
    bounds("budget never below 0")               -> [Bound(7, 20, 0.0, None)]
    bounds("seats (10 max)")                     -> [Bound(7, 13, None, 10.0)]
    bounds("a score out of 10")                  -> [Bound(8, 17, 0.0, 10.0)]
    bounds("the fee can't exceed 500")           -> [Bound(8, 24, None, 500.0)]

A bound is a closed phrasing of English comparison (between, from-to, at least, at most, never
below, exceed, out of, N max, positive), not a domain's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(-?\d+(?:\.\d+)?)"
_RANGE = re.compile(
    rf"\b(?:between|from)\s+{_NUM}\s*(?:and|to|until|till|-|–)\s*{_NUM}\b"
    rf"|\bmin(?:imum)?\s+{_NUM}\s*,?\s*(?:and\s+)?max(?:imum)?\s+{_NUM}\b"  # "minimum 0.5 maximum 12"
    rf"|(?<![\w.-]){_NUM}\s*(?:-|–|\.\.|to)\s*{_NUM}\b"
)
# Words that deny: "never below 0", "can't exceed 500", "must not go over 10".
_DENY = r"(?:never|not|cannot|can't|can ?not|must not|mustn't|may not|should not|shouldn't|won't|will not|doesn't|does not|don't|do not)"
_MIN = re.compile(
    rf"(?:\b(?:at least|min(?:imum)?(?: of)?|no less than|not less than"
    rf"|{_DENY}\s+(?:be\s+|go\s+|fall\s+|drop\s+)?(?:below|under|less than|lower than))|>=?)\s*{_NUM}\b"
    rf"|\b{_NUM}\s+or\s+(?:more|above|higher|greater)\b"
    # "rent must be more than 0" (a "no more than" is a most, found first from its "no")
    rf"|(?<!\bno )(?<!\bnot )\b(?:more|greater|higher|bigger) than\s*{_NUM}\b"
)
_MAX = re.compile(
    rf"(?:\b(?:at most|up to|max(?:imum)?(?: of)?|no more than|not more than"
    rf"|{_DENY}\s+(?:be\s+|go\s+)?(?:above|over|more than|higher than|exceed)|exceeds? no more than)"
    rf"|<=?)\s*{_NUM}\b"
    rf"|\b{_NUM}\s*(?:max(?:imum)?|at most|or (?:less|fewer|below|under))\b"
)
_OUT_OF = re.compile(rf"\bout of\s+{_NUM}\b")
_POSITIVE = re.compile(
    r"\b(?:positive|non-negative|not negative|can ?not be negative|can't be negative"
    r"|(?:must|should|may) not be negative|never (?:be )?negative|no negatives?|>\s*0)\b"
)
_BOUND = re.compile(
    "|".join(
        f"(?P<{name}>{p.pattern})"
        for name, p in (
            ("range", _RANGE),
            ("min", _MIN),
            ("max", _MAX),
            ("out_of", _OUT_OF),
            ("positive", _POSITIVE),
        )
    )
)
_ZERO = re.compile(r"\bzero\b")
# An aside of words only, "(lowest)", "(best)": blanked, so "from 1 (lowest) to 5" is one range.
_WORDY_ASIDE = re.compile(r"\((?:[a-z][a-z' ]*)\)")


@dataclass(frozen=True)
class Bound:
    start: int  # where the phrase is in the text given
    end: int
    lo: float | None
    hi: float | None


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text)]


def bounds(low: str) -> list[Bound]:
    """The bounds said in `low` (lower case), in order; a range given backwards is left out."""
    low = _ZERO.sub("0   ", low)  # "never below zero": the same length, so places hold
    text = _WORDY_ASIDE.sub(
        lambda m: m.group() if _POSITIVE.search(m.group()) else " " * len(m.group()), low
    )  # "(not negative)" is a bound of its own, not an aside inside one
    out: list[Bound] = []
    for m in _BOUND.finditer(text):
        kind = m.lastgroup
        nums = _numbers(m.group(0))
        lo: float | None = None
        hi: float | None = None
        if kind == "range" and (whole := _RANGE.fullmatch(m.group(0))):
            lo, hi = (float(g) for g in whole.groups() if g is not None)
            if lo > hi:
                continue
        elif kind == "min":
            lo = nums[0]
        elif kind == "max":
            hi = nums[0]
        elif kind == "out_of":
            lo, hi = 0.0, nums[0]
        else:
            lo = 0.0
        out.append(Bound(m.start(), m.end(), lo, hi))
    return out
