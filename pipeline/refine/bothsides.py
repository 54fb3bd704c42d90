"""The other side of a many-to-many link, in the form the readers know. No I/O.

    say_other_side("a tag can be on many tasks")            -> "a tag can belong to many tasks"
    say_other_side("each label may appear on several cards") -> "a label can belong to many cards"
    say_other_side("the same tag can be used in lots of tasks") -> "a tag can belong to many tasks"

A reviewer who makes a link many-to-many often says it from both sides ("tasks have many tags
and a tag can be on many tasks"). "X can belong to many Y" is what the readers know; a verb of
being somewhere (be, sit, appear, show up, be used, be attached) before "many" says the same.
"""

from __future__ import annotations

import re

_MANY = r"(?:many|several|multiple|lots\s+of|a\s+lot\s+of|any\s+number\s+of|more\s+than\s+one)"
_PLACED = (
    r"(?:be|sit|appear|show\s+up|live|go|be\s+(?:used|attached|applied|put|added|shared|linked|"
    r"found|listed|placed|pinned|assigned))"
)
# The same said as a fact: "the same label gets used on lots of tasks", "a tag sits on many".
_PLACED_NOW = (
    r"(?:(?:gets|is|are)\s+(?:also\s+)?(?:used|attached|applied|put|added|shared|linked|found|listed|"
    r"placed|pinned|assigned)|sits|appears|shows\s+up|goes|lives)"
)
_OTHER_SIDE = re.compile(
    rf"^(?:(?:the\s+same|a\s+single|a|an|each|every|one|the|any)\s+)?(?P<x>[a-z][a-z_ ]*?)\s+"
    rf"(?:(?:can|could|may|might|should\s+be\s+able\s+to)\s+(?:also\s+)?{_PLACED}|{_PLACED_NOW})\s+"
    rf"(?:on|in|at|to|with|across|between|among|inside|under|for|by)\s+{_MANY}\s+"
    r"(?P<y>[a-z][a-z_ ]*)$"
)


def say_other_side(sentence: str) -> str:
    """ "a tag can be on many tasks" -> "a tag can belong to many tasks"; else as it was."""
    m = _OTHER_SIDE.match(
        re.sub(r"\s+(?:obviously|too|as well|also|anyway|of course)$", "", sentence)
    )
    if m is None:
        return sentence
    return f"a {m['x']} can belong to many {m['y']}"
