"""Uniqueness said as "no two ... the same ...": the words for the rows, the value they may not
share, and the thing within which they may not (if any). No I/O; `rules.py` ties the words to an
entity, its field and its link.

    "no two players with the same shirt number"        -> Same("players", "shirt number", "")
    "no two devices share a serial number"             -> Same("devices", "serial number", "")
    "two tenants can't have the same code"             -> Same("tenants", "code", "")
    "a room can't have two slots with the same start"  -> Same("slots", "start", "a room")

A closed phrasing of English ("no two", "the same", "share"), not a domain's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHAT = r"(?P<what>[a-z]+(?:\s+[a-z]+)?)"
_VALUE = r"(?P<value>[a-z]+(?:\s+[a-z]+){0,2}?)"
_END = r"(?=\s*(?:$|[.,;:!?()]|\s(?:and|or|but|in|on|at|for|per|as|please|because)\b))"
_DENY = r"(?:can ?not|can't|cannot|may not|must not|mustn't|should not|shouldn't|won't)"
_SHARE = r"(?:with|share|sharing|have|having|get|use|using|hold|holding|can have|may have)"
_NO_TWO = re.compile(
    rf"\bno two {_WHAT}\s+{_SHARE}\s+(?:the same|an? (?:same\s+)?|one and the same)\s*{_VALUE}{_END}"
)
_TWO_DENIED = re.compile(
    rf"\btwo {_WHAT}\s+{_DENY}\s+(?:have|share|get|use)\s+the same\s+{_VALUE}{_END}"
)
_WITHIN = re.compile(
    rf"\b(?P<within>(?:an?|the|each|one|every)\s+[a-z]+)\s+{_DENY}\s+(?:have|hold|get|take)\s+"
    rf"two {_WHAT}\s+(?:with|at|on|for|in)\s+the same\s+{_VALUE}{_END}"
)


@dataclass(frozen=True)
class Same:
    what: str  # the rows: "players"
    value: str  # what they may not share: "shirt number"
    within: str  # "" or what they may not share it within: "a room"


def same_said(low: str) -> Same | None:
    """The first "no two ... the same ..." that `low` (lower case) says, or None."""
    if m := _WITHIN.search(low):
        return Same(m.group("what"), m.group("value"), m.group("within"))
    for pattern in (_NO_TWO, _TWO_DENIED):
        if m := pattern.search(low):
            return Same(m.group("what"), m.group("value"), "")
    return None


__all__ = ["Same", "same_said"]
