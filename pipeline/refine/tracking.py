"""What reviewers ask to keep track of, said as the field it needs. No I/O.

People ask for data by what they want to know rather than by a field: "track when an order was
shipped", "store how many times a book was borrowed", "stock movements should record a unit
cost". Each form here reads one such way of saying it and says it as a field the readers know:

    say_tracked("track when an order was shipped") -> "add a shipped at to order"
    say_tracked("how many copies of each book we have should be tracked")
        -> "add copies (integer) to book"
    say_tracked("stock movements should record a unit cost") -> "stock movements should have a unit cost"
    say_tracked("posts could get a reading time") -> "posts should get a reading time"
"""

from __future__ import annotations

import re

from pipeline.refine.values import say_values

# Verbs that ask for something to be kept ("track", "keep a record of", "remember").
_KEEP = (
    r"(?:track|record|store|log|save|capture|remember|know|see|show|note|keep\s+track\s+of|"
    r"keep\s+a\s+record\s+of|keep)"
)
_MODAL = (
    r"(?:should|must|need\s+to|needs\s+to|has\s+to|have\s+to|could|would|might|can|will|want\s+to)"
)
_THE = r"(?:(?:an?|the|each|every|all|our)\s+)?"
_BE = r"(?:was|were|is|are|gets|get|got|has\s+been|have\s+been|had\s+been|will\s+be)"
_ENTITY = r"[a-z][a-z_]*(?:\s[a-z][a-z_]*)?"

_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # "orders should record when they were shipped"
        (
            rf"^{_THE}(?P<e>{_ENTITY}?)\s+(?:{_MODAL}\s+)?(?:also\s+)?{_KEEP}\s+when\s+(?:it|they)\s+"
            rf"{_BE}\s+(?:first\s+|last\s+)?(?P<v>[a-z]+(?:ed|en))$",
            r"add a \g<v> at to \g<e>",
        ),
        # "track when an order was shipped", "we want to know when a ticket got closed"
        (
            rf"^(?:(?:we|i|you)\s+(?:{_MODAL}\s+)?)?{_KEEP}\s+when\s+{_THE}(?P<e>{_ENTITY}?)\s+{_BE}\s+"
            rf"(?:first\s+|last\s+)?(?P<v>[a-z]+(?:ed|en))$",
            r"add a \g<v> at to \g<e>",
        ),
        # "store how many times a book was borrowed"
        (
            rf"^(?:(?:we|i|you)\s+(?:{_MODAL}\s+)?)?{_KEEP}\s+how\s+(?:many\s+times|often)\s+{_THE}"
            rf"(?P<e>{_ENTITY}?)\s+{_BE}\s+(?P<v>[a-z]+(?:ed|en))$",
            r"add times \g<v> (integer) to \g<e>",
        ),
        # "how many copies of each book we have should be tracked", "track how many seats each
        # event has"
        (
            rf"^(?:(?:we|i|you)\s+(?:{_MODAL}\s+)?)?(?:{_KEEP}\s+)?how\s+many\s+(?P<n>[a-z]+)\s+"
            rf"(?:of|for|per|on|in)?\s*{_THE}(?P<e>[a-z][a-z_]*)\b.*$",
            r"add \g<n> (integer) to \g<e>",
        ),
        # "stock movements should record a unit cost", "posts could keep a view count"
        (
            rf"^{_THE}(?P<e>{_ENTITY}?)\s+(?:{_MODAL}\s+)?(?:also\s+)?(?:{_KEEP}|hold|carry|"
            rf"contain|include|come\s+with)\s+(?P<f>(?:an?|the|their|its|some)\s+.+)$",
            r"\g<e> should have \g<f>",
        ),
        # "posts could get a reading time", "comments might have a score"
        (
            rf"^{_THE}(?P<e>{_ENTITY}?)\s+(?:could|would|might|may)\s+(?:also\s+)?"
            rf"(?P<v>have|get|need|include)\s+",
            r"\g<e> should \g<v> ",
        ),
    )
)
_NOT_SUBJECT = re.compile(
    r"^(?:we|i|you|they|it|he|she|someone|somebody|people|that|this|there|which|who|what)$"
)


def say_tracked(sentence: str) -> str:
    """`sentence` (plain, lower case) said as the field it asks for, or unchanged."""
    sentence = say_values(sentence)
    for pattern, replacement in _FORMS:
        m = pattern.search(sentence)
        if m is None:
            continue
        subject = m.groupdict().get("e")
        if subject is not None and _NOT_SUBJECT.match(subject):
            continue
        return pattern.sub(replacement, sentence, count=1)
    return sentence
