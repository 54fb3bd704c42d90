"""Field phrases written as a question: "which side they're on", "how much seats", "how often
in weeks". No I/O.

People list a field by the question it answers. The question word is no part of its name: the
noun after "which"/"what" names it (up to the clause that follows: "which fabric is chosen" ->
fabric), "how much"/"how many" counts what follows, and "how often"/"how long"/"how far"/"how
old" ask for a frequency, a duration, a distance or an age ("how long it is in minutes" ->
duration in minutes). "what was done" is a description of it, and "when it's due back" or "when
it was sown" the moment it happens (a due date, `sown_at`), "where it was found" its place (a
location); a question word alone is never a field's name.
"""

from __future__ import annotations

import re

from pipeline.parse.nlp import analyse

# "which fabric", "what colour": the noun after the question word names the field.
_WHICH = re.compile(r"^(?:which|what)\s+(?P<rest>[a-z].*)$")
# "how much seats" (as "how many"): a count of what follows.
_HOW_MUCH = re.compile(r"^how\s+much\s+(?P<rest>[a-z].*)$")
# "how often in weeks", "how long it is in minutes": the measure the question asks for.
_HOW = re.compile(r"^how\s+(?P<what>often|long|far|old|big|heavy|tall)\b(?P<rest>.*)$")
_MEASURES = {
    "often": "frequency",
    "long": "duration",
    "far": "distance",
    "old": "age",
    "big": "size",
    "heavy": "weight",
    "tall": "height",
}
# "what was done", "what got repaired", "what is needed": what happened, in words.
_WHAT_DONE = re.compile(
    r"^what\s+(?:was|were|is|got|gets|has\s+been|had\s+been)\s+[a-z]+(?:ed|one|en)\b"
)
# "when it's due back", "when it was sown": a moment, named by what happens then.
_WHEN = re.compile(r"^when\s+(?P<rest>(?:it|it's|they|they're|the\s+\w+|[a-z]+)\b.*)$")
# "where it was found", "where they live": a place, named by what it is
_WHERE = re.compile(r"^where\s+(?:it|it's|they|they're|the\s+\w+|he|she|[a-z]+)\b")
_PARTICIPLES = frozenset(
    "done sown grown given taken seen written sold bought paid made found lost born built held "
    "sent brought caught met left spotted".split()
)
# Words that start the clause after the asked noun ("which side they're on", "which fabric is
# chosen", "how long it takes"): the name ends before them.
_CLAUSE = frozenset("""
    they they're it it's its is are was were has have had he she we you i their his her our
    can will should must gets get goes go belongs belong takes take lasts last
    """.split())


def _noun(words: list[str]) -> list[str]:
    """The noun the question asks for, as the tagger reads the words after the question word:
    "fabric" from "fabric is chosen", "tour date" from "tour date"; [] where no noun comes
    first ("a customer brings in") or the noun does something ("vet saw the pet")."""
    out: list[str] = []
    for w in words:
        if w in _CLAUSE or w in ("which", "what"):
            break
        out.append(w)
    if not out:
        return []
    doc = analyse("which " + " ".join(out))
    first = doc.tokens[1] if len(doc.tokens) > 1 else None
    if first is None or first.pos in ("DET", "PRON", "AUX", "ADP", "PART"):
        return []  # "what a customer brings in": a clause, no noun asked for
    nouns = [first.lower]
    for t in doc.tokens[2:]:
        if t.tag.startswith("VB"):
            return []  # "which vet saw the pet": who did it, a link the other readers make
        if t.pos not in ("NOUN", "PROPN", "ADJ"):
            break
        nouns.append(t.lower)
    return nouns


def unask(head: str) -> tuple[str, bool]:
    """The field phrase without its question word, and whether it counts something: ("side",
    False) from "which side they're on", ("seats", True) from "how much seats", ("duration in
    minutes", False) from "how long it is in minutes". Other phrases come back unchanged."""
    low = head.strip().lower()
    if _WHAT_DONE.match(low):  # "what was done", "what got fixed": an account of it
        return "description", False
    if m := _WHICH.match(low):
        if re.search(r"\b(?:which|what)\b", m.group("rest")):
            return head, False  # "which member borrowed which book": two things, left whole
        noun = _noun(m.group("rest").split())
        return (" ".join(noun), False) if noun else (head, False)
    if m := _HOW_MUCH.match(low):
        noun = _noun(m.group("rest").split())
        return (" ".join(noun), True) if noun else (head, False)
    if m := _WHEN.match(low):  # "when it's due back" -> due date; "when it was sown" -> sown at
        words = [w for w in re.findall(r"[a-z]+", m.group("rest")) if w not in _CLAUSE]
        if "due" in words:
            return "due date", False
        if words and (words[-1].endswith("ed") or words[-1] in _PARTICIPLES):
            return f"{words[-1]} at", False
        return head, False
    if _WHERE.match(low):  # "where it was found", "where they saw it": the place
        return "location", False
    if m := _HOW.match(low):
        unit = re.search(r"\b(?:in|as)\s+[\w%]+\s*$", m.group("rest"))
        return _MEASURES[m.group("what")] + (" " + unit.group(0) if unit else ""), False
    return head, False
