"""Field items that name a person by a role in more words than the role alone. No I/O.

In a signed-in app whose people have roles, an item that names one of them is a link to the
User who is that person (`relations.person` reads "the bidder", "which vet"). People also say it
with a word of what the person does for the row:

    "assignee (a student)"          -> ("assignee", "student")   the bracket says who it is
    "booked by member"              -> ("member", "member")      made by that person
    "assigned to a mechanic"        -> ("mechanic", "mechanic")
    "assigned plumber"              -> ("plumber", "plumber")
    "the accountant responsible"    -> ("accountant", "accountant")

`role_item(text, people)` gives (link name, role), or None when the item names no role.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

_DET = r"(?:(?:a|an|the|one|its|their)\s+)?"
_ROLE = r"(?P<role>[a-z]+(?:\s+[a-z]+)?)"
# "assignee (a student)", "coach (one of the staff)" is not a role: the bracket is the role only
_BRACKET = re.compile(r"^(?P<name>[a-z]+(?:\s+[a-z]+)?)\s*\(\s*" + _DET + _ROLE + r"\s*\)$")
# "booked by member", "assigned to a mechanic", "handled by the tailor"
_BY = re.compile(r"^(?:[a-z]+ed\s+)?(?:by|to)\s+" + _DET + _ROLE + r"$")
# "assigned plumber", "responsible vet", "the accountant responsible", "the vet in charge"
_DOING = re.compile(
    r"^" + _DET + r"(?:assigned|responsible|attending|handling|treating|lead)\s+" + _ROLE + r"$"
)
_DOING_AFTER = re.compile(r"^" + _DET + _ROLE + r"\s+(?:responsible|in charge|assigned)$")


def role_item(
    text: str, people: Collection[str], person: Callable[[str, Collection[str]], str]
) -> tuple[str, str] | None:
    """(link name, role) when the item `text` (clean, lower case) names one of `people` by a
    role with a word of what they do for the row; `person` reads a role out of words."""
    if m := _BRACKET.match(text):
        if role := person(m.group("role"), people):
            return "_".join(m.group("name").split()), role
        return None
    for pattern in (_BY, _DOING, _DOING_AFTER):
        if (m := pattern.match(text)) and (role := person(m.group("role"), people)):
            return role, role
    return None


__all__ = ["role_item"]
