"""A date and a time said as two words for one moment, made one before the text is read. No I/O.

    one_moment("Concerts: band, date and start time, price")
        -> "Concerts: band, date-time, price"

People list "date and time", "date & hour", "start date+time" for the moment something happens;
read as two items, the spec got a date field and a text field named `time`. Written "date-time",
the field readers make one datetime field of it ("departure date and time" -> `departure`, a
datetime). "at a given date and time" after a verb is read where it stands. "where it was found
and when" asks two things of one event: "where it was found and when it was found"; "residency
start and end dates" names two: "residency start date, residency end date".
"""

from __future__ import annotations

import re

# "a date and time", "date & hour", "start date+time": one moment, one field
_DATE_AND_TIME = re.compile(
    r"\b(?P<date>date)\s*(?:and|&|\+|/)\s*(?:(?:a|the)\s+)?(?:start(?:ing)?\s+)?(?:time|hour)\b(?!\s+(?:zone|slot))",
    re.I,
)


# "where it was found and when", "when and where it happened": two questions about one event,
# the second said by its question word alone
_WHERE_AND_WHEN = re.compile(
    r"\b(?P<first>where|when)\s+(?P<clause>(?:it|they|he|she)\s+(?:was|were|is|are)\s+[a-z]+)"
    r"\s+and\s+(?P<second>where|when)\b",
    re.I,
)
_WHEN_AND_WHERE = re.compile(
    r"\b(?P<first>where|when)\s+and\s+(?P<second>where|when)\s+(?P<clause>(?:it|they|he|she)\s+"
    r"(?:was|were|is|are)\s+[a-z]+)",
    re.I,
)


# "residency start and end dates", "start/end time": two fields, each with the noun said once
_START_AND_END = re.compile(
    r"\b(?:(?P<pre>[a-z]+)\s+)?(?P<a>start|begin)\s*(?:and|&|/)\s*(?P<b>end|finish)\s+"
    r"(?P<what>dates?|times?)\b",
    re.I,
)


def _start_and_end(m: re.Match[str]) -> str:
    word, what = m.group("pre") or "", m.group("what").rstrip("s")
    if word.lower() in ("the", "a", "an", "and", "with", "its", "their"):  # said once, first
        head, name = f"{word} ", ""
    else:  # "residency": the name of both
        head, name = "", f"{word} " if word else ""
    return f"{head}{name}{m.group('a')} {what}, {name}{m.group('b')} {what}"


def one_moment(text: str) -> str:
    """ "a date and time" said as two words for one moment -> "a date-time": the readers make
    one datetime field of it, not a date and a text field."""

    def joined(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 30) : m.start()]
        if re.search(r"\bat\s+(?:an?|the)\s+(?:\w+\s+)?$", before, re.I):
            return m.group()  # "book ... at a given date and time": read as it was written
        return f"{m.group('date')}-time"

    text = _START_AND_END.sub(_start_and_end, text)
    text = _WHERE_AND_WHEN.sub(r"\g<first> \g<clause> and \g<second> \g<clause>", text)
    text = _WHEN_AND_WHERE.sub(r"\g<first> \g<clause> and \g<second> \g<clause>", text)
    return _DATE_AND_TIME.sub(joined, text)
