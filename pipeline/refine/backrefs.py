"""A sentence that removes "it" or "them" right after the comment removed something ("Remove
`fax` from Customer. We don't need it.", "Can we remove members? Loans don't need them."): it
says again why, and changes nothing more. No I/O.
"""

from __future__ import annotations

import re

# A removal whose object is only a pronoun, as the readers say it ("remove the it", "remove
# the them from loans", "drop them").
_REMOVES_PRONOUN = re.compile(
    r"^(?:remove|drop|delete)\s+(?:the\s+)?(?:it|them|that|those|this)(?:\s+from\s+[a-z][\w ]*)?$"
)


def removed_again(sentence: str, changes: list[str]) -> bool:
    """Whether `sentence` removes a pronoun just after the comment's last change removed a
    thing: that thing, named again."""
    return (
        bool(_REMOVES_PRONOUN.match(sentence.strip()))
        and bool(changes)
        and (changes[-1].startswith("removed "))
    )
