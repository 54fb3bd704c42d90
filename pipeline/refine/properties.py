"""A bare property after a field, read as a sentence about that field. No I/O.

Reviewers list what they want of a field after it, cut by commas: "a `code`, unique, exactly 4
characters", "an excerpt, optional", "a flag, false by default", "a rating, 1 to 5". Each such
piece says something of the field just named, so it becomes a sentence with "it" as its subject,
and "it" is resolved to that field the way a following sentence's "it" is:

    bare_property("false by default")   -> "it should default to false"
    bare_property("max 200 characters") -> "it should be at most 200 characters"
    bare_property("never blank")        -> "it must not be blank"
    bare_property("posts have many tags") -> None  (a clause of its own)
"""

from __future__ import annotations

import re

_N = r"-?\d+(?:\.\d+)?"
_UNIT = r"(?:\s+(?P<u>characters?|chars?|letters?|digits?|words?|minutes?|hours?|days?))?"
_LEAD = (
    r"^(?:and\s+|but\s+)?(?:which\s+|that\s+)?(?:it\s+|its\s+)?"
    r"(?:is\s+|be\s+|should be\s+|must be\s+|has to be\s+|needs to be\s+)?(?:also\s+)?"
)  # ", which is optional": the relative pronoun is the field just named

_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_LEAD + r"(?P<p>optional|required|mandatory|unique|nullable)$"), "it should be {p}"),
    (re.compile(_LEAD + r"(?:not required|not mandatory)$"), "it should be optional"),
    (re.compile(_LEAD + r"(?:never|not|non)[\s-]+(?:blank|empty)$"), "it must not be blank"),
    (re.compile(r"^(?:and\s+)?(?:it\s+)?(?:can't|cannot|can not|must not|mustn't|shouldn't|should"
                r" not)\s+be\s+(?:blank|empty)$"), "it must not be blank"),
    (re.compile(r"^(?:and\s+)?(?:it\s+|which\s+|that\s+)?(?:defaults?\s+to|default(?:ing)?\s+(?:to\s+|is\s+)?|"
                r"default:\s*|starts?\s+at|starting\s+at|initially)\s*(?P<v>[\w.-]+)$"),
     "it should default to {v}"),
    (re.compile(r"^(?P<v>[\w.-]+)\s+by\s+default$"), "it should default to {v}"),
    (re.compile(_LEAD + rf"(?:max|maximum|at most|up to|no more than|no longer than)\s+(?P<n>{_N})"
                + _UNIT + r"$"), "it should be at most {n}{u}"),
    (re.compile(_LEAD + rf"(?P<n>{_N})" + _UNIT + r"\s+(?:max|maximum|at most)$"),
     "it should be at most {n}{u}"),
    (re.compile(_LEAD + rf"(?:min|minimum|at least|no less than)\s+(?P<n>{_N})" + _UNIT + r"$"),
     "it should be at least {n}{u}"),
    (re.compile(r"^(?:and\s+)?(?:it\s+)?(?:should\s+|must\s+|can\s+)?(?:never\s+be|not\s+be|be\s+no|"
                rf"never|no)\s+(?:less|lower|smaller|fewer|shorter)\s+than\s+(?P<n>{_N})" + _UNIT + r"$"),
     "it should be at least {n}{u}"),
    (re.compile(r"^(?:and\s+)?(?:it\s+)?(?:should\s+|must\s+|can\s+)?(?:never\s+be|not\s+be|be\s+no|"
                rf"never|no)\s+(?:more|greater|larger|bigger|longer)\s+than\s+(?P<n>{_N})" + _UNIT
                + r"$"), "it should be at most {n}{u}"),
    (re.compile(_LEAD + rf"(?:between\s+|from\s+)?(?P<a>{_N})\s*(?:-|–|to|and)\s*(?P<b>{_N})"
                + _UNIT + r"$"), "it should be between {a} and {b}{u}"),
    (re.compile(_LEAD + r"exactly\s+(?P<n>\d+)\s+(?P<u>characters?|chars?|letters?|digits?)"
                r"(?:\s+long)?$"), "it must be exactly {n}{u}"),
)  # fmt: skip


def bare_property(piece: str) -> str | None:
    """The sentence a bare property piece stands for, "it" its subject; None when the piece is
    not a bare property."""
    said = piece.strip().rstrip(".!?").strip().lower()
    for pattern, sentence in _FORMS:
        m = pattern.match(said)
        if m is not None:
            parts = {k: v or "" for k, v in m.groupdict().items()}
            parts["u"] = f" {parts['u']}" if parts.get("u") else ""
            return sentence.format(**parts)
    return None
