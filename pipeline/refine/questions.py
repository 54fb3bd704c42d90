"""Questions that ask for a change, said as the request they are. No I/O beyond spaCy's
pipeline (`pipeline.parse.nlp`).

    as_request("shouldn't deleting orders be restricted to admins?")
        -> "deleting orders should be restricted to admins"
    as_request("wouldn't it be better if notes were optional?") -> "notes should be optional"
    as_request("any chance tasks could get an estimate?") -> "tasks should get an estimate"

A negative question with a modal ("shouldn't X be ...", "can't X have ...") expects the answer
yes: it asks for X to be so. Its subject is what stands between the modal and the first verb in
its base form (from the parse), and the request is the subject, "should", and the rest. "It
would be better if X were Y" and "any chance X could Y" ask for X to be Y the same way. A
question whose subject is the speaker or the reader ("can't we add ...") keeps its modal: the
readers know "we could add ..." as a request already.
"""

from __future__ import annotations

import re

from pipeline.parse.nlp import analyse

_NEGATED = re.compile(
    r"^(?P<m>should|must|ca|can|could|would|will)(?:n't|nt|\s+not)\s+(?P<rest>.+?)\??$",
    re.IGNORECASE,
)
_BETTER_IF = re.compile(
    r"^(?:(?:wouldn't|would(?:\s+not)?)\s+it\s+be|it\s+would\s+be|it'd\s+be|would\s+be|(?:i\s+)?think\s+"
    r"it\s+would\s+be)\s+(?:much\s+|a\s+lot\s+|really\s+)?(?:better|nicer|nice|good|great|cleaner|"
    r"safer|simpler)\s+if\s+(?P<x>.+?)\??$",
    re.IGNORECASE,
)
_ANY_CHANCE = re.compile(
    r"^(?:any\s+chance|is\s+there\s+(?:any\s+)?(?:a\s+)?(?:chance|way))\s+(?:that\s+)?(?P<x>.+?)\??$",
    re.IGNORECASE,
)
# The subjunctive of "if X were Y" and the modal of "X could Y", in the readers' "should".
_WISH_VERB = re.compile(r"\b(?:were|was|could|would|might|can)\s+(?=\S)")
_HAD = re.compile(r"\bhad\s+(?=\S)")
_PEOPLE = frozenset({"we", "you", "i", "they"})


def as_request(sentence: str) -> str:
    """The request a question asks for, or the sentence as it was (see the module doc)."""
    said = sentence.strip()
    m = _BETTER_IF.match(said) or _ANY_CHANCE.match(said)
    if m is not None and m.group("x").split()[0].lower() not in _PEOPLE:
        return _should(m.group("x"))  # ("any chance we could ..." is read as it is)
    if m := _NEGATED.match(said):
        return _inverted(m.group("m").lower(), m.group("rest")) or said
    return said


def _should(clause: str) -> str:
    """ "notes were optional" -> "notes should be optional"; "tasks could get" -> "tasks should
    get"; "posts had a subtitle" -> "posts should have a subtitle"."""
    said, n = _WISH_VERB.subn(
        lambda m: "should be " if m.group().startswith(("were", "was")) else "should ",
        clause,
        count=1,
    )
    if n:
        return said
    return _HAD.sub("should have ", clause, count=1)


def _inverted(modal: str, rest: str) -> str | None:
    """ "shouldn't" + "the sku be unique" -> "the sku should be unique"."""
    doc = analyse(rest)
    verbs = [t for t in doc.tokens if t.i > 0 and t.tag in ("VB", "VBP")]  # "be", "have"
    verb = next((t for t in verbs if t.tag == "VB"), verbs[0] if verbs else None)
    if verb is None:
        return None
    subject = rest[: verb.idx].strip()
    if not subject:
        return None
    said_modal = ("can" if modal == "ca" else modal) if subject.lower() in _PEOPLE else "should"
    return f"{subject} {said_modal} {rest[verb.idx:]}"
