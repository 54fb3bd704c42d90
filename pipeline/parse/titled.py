"""The business an issue's title line names, which is no thing the API stores. No I/O.

An issue often opens with a short title line naming the writer's business: "Volunteer fire
brigade - attendance + callouts", "Trampoline park booking API", "Hearing aid clinic, backend
user stories:", "# Small hotel API". The noun phrase that line opens with (up to its first
dash, colon, comma, bracket or full stop) is the business where it is modified ("fire brigade",
"small hotel") and only app words follow it; it stays an entity where the text speaks of many
of them ("hotels", "each hotel", "every hotel").
"""

from __future__ import annotations

import re

from pipeline.naming import plural_word
from pipeline.parse.phrases import tokens
from pipeline.parse.regexes import compiled
from pipeline.parse.vocab import APP_HEADS, APP_WORDS

# A title line: the first line with words, without heading marks, bold or a leading "Title:".
_TITLE = re.compile(r"^[\s#*_>]*(?:title\s*:\s*)?(?P<line>[^\n]+)", re.I)
# A list item's marker ("- ", "* ", "1. "), which no title line starts with.
_ITEM = re.compile(r"^\s*(?:[-+]|\*(?!\*)|\d+[.)])\s")
# Where the title's noun phrase ends: a dash, a colon, a comma, a bracket, a plus, a full stop.
_PHRASE_END = re.compile(r"\s[-–—]\s|[-–—]{2}|[:,(+.;!?/|]")
# The longest a title line is (in words); a longer first line is a sentence.
_TITLE_WORDS = 12
# Words a title may end with after the business ("booking API", "management system").
_TRAILING = APP_WORDS | APP_HEADS | {"booking", "bookings", "backend", "user", "stories"}
# Words before a noun that make it one of many ("each hotel", "hotels", "another hotel").
# "a"/"an" too ("records an attendance"), but for the writer's own ("we're a moving company").
_MANY = r"(?:a|an|one|each|every|per|any|another|which|all|other)"
# Verbs that make the first line a sentence, not a title ("Each customer has one cart").
_SENTENCE_VERBS = frozenset(
    "is are was were has have had need needs want wants keep keeps track tracks run runs".split()
)
_WRITER_IS = re.compile(r"\b(?:we|i)\s*(?:'re|'m|are|am)\s+$")


def title_phrase(text: str) -> list[str]:
    """The words of the noun phrase the title line opens with; [] where the first line is no
    title (too long, or empty)."""
    m = _TITLE.match(text)
    if not m or _ITEM.match(text):
        return []  # "- washing record: date, machine": a list item, no title
    line = re.split(r"[.!?]\s", m.group("line").strip(" *_#"), maxsplit=1)[0]  # its first sentence
    if len(tokens(line)) > _TITLE_WORDS:
        return []
    end = _PHRASE_END.search(line)
    if end and end.group(0) == ":":
        return []  # "Washing record: date, machine": a label and its fields
    words = tokens(line[: end.start()] if end else line)
    return [] if set(words) & _SENTENCE_VERBS else words


def titled_business(key: str, text: str, items: list[str]) -> bool:
    """Does the title line name `key` as the business ("Volunteer fire brigade - callouts" ->
    fire_brigade), never spoken of as one of many in the text, and with no `items` (field
    phrases read for it) but those of the title line itself ("One-man handyman business (me +
    my nephew)")?"""
    first = _TITLE.match(text)
    line = first.group("line").lower() if first else ""
    if any(item.lower() not in line for item in items):
        return False  # "| Stall | number, size |" below "Farmers market stall bookings"
    words = title_phrase(text)
    parts = key.split("_")
    n = len(parts)
    starts = [i for i in range(len(words) - n + 1) if words[i : i + n] == parts]
    if not starts:
        return False
    i = starts[0]
    if i == 0 and n == 1:
        return False  # "Invoice API": the thing the app is for, unmodified
    if not set(words[i + n :]) <= _TRAILING:
        return False  # "Hotel rooms API": the title's head is something else
    word = key.replace("_", " ")
    low = text.lower()
    if compiled(rf"\b{re.escape(plural_word(word))}\b").search(low):
        return False
    many = compiled(rf"\b{_MANY}\s+(?:[a-z-]+\s+){{0,2}}?{re.escape(word)}\b")
    return not any(not _WRITER_IS.search(low, 0, m.start()) for m in many.finditer(low))


def is_title_line(text: str, description: str) -> bool:
    """Is `text` the description's title line ("Volunteer fire brigade - attendance +
    callouts"), which names the app or the business rather than asking for something?"""
    first = _TITLE.match(description)
    if not first or not title_phrase(description):
        return False
    if len(tokens(first.group("line"))) > _TITLE_WORDS:
        return False  # the first sentence of a paragraph ("Our town wants to become ...")
    said = tokens(text)
    return bool(said) and tokens(first.group("line"))[: len(said)] == said
