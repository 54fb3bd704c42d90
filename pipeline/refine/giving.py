"""Giving an entity a person, in the form the readers know. No I/O.

    say_given("give comments an author")           -> "comments have an author"
    say_given("give each ticket a reporter (a user)") -> "tickets have a reporter (a user)"
    say_given("give posts a subtitle")              -> "give posts a subtitle"  (a plain field)

"E have an author" is read as a link to the user who wrote the row, who owns it
(`ownership.owner_relation`); "give E an author" says the same, and so does "give E a <word>
(a user)". Any other "give E a ..." stays as written: a field.
"""

from __future__ import annotations

import re

from pipeline.refine.ownership import OWNER_WORDS

_GIVE = re.compile(
    r"^give\s+(?:the\s+|all\s+|each\s+|every\s+)?(?P<e>[a-z][a-z_]*(?:\s[a-z][a-z_]*)?)\s+"
    r"(?P<a>an?|the)\s+(?P<w>[a-z]+)(?P<user>\s*\((?:an?\s+)?user\)|,?\s+(?:who|that)\s+is\s+an?\s+user)?$"
)


def say_given(sentence: str) -> str:
    """ "give comments an author" -> "comments have an author"; else as it was."""
    m = _GIVE.match(sentence)
    if m is None or not (m["w"] in OWNER_WORDS or m["user"]):
        return sentence
    return f"{m['e']} have {m['a']} {m['w']}{m['user'] or ''}"
