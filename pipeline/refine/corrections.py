"""Self-corrections and elliptical follow-ups in a comment. No I/O.

People change their mind while writing: "add a subtitle to posts... actually, make it a
summary", "add a due date to lists. no wait, add a deadline", "specialty should be unique? No,
never mind." A correction takes back the instruction before it; what follows the marker is the
instruction meant instead, and when it names only the new thing ("make it a summary", "add a
deadline", "add `critical` instead") it borrows the rest of the instruction it replaces.

    split_corrections("add x to posts, no wait, add y") -> ["add x to posts,", "no wait, add y"]
    correction("no wait, add a deadline") -> Correction(retracts=True, rest="add a deadline")
    borrow("add a deadline", "add a due date to lists") -> "add a deadline to lists"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Markers that take back what was just said, whatever follows them.
_STRONG = (
    r"no+,?\s+wait|oh\s+wait|wait|no+,?\s+scratch\s+that|scratch\s+that|forget\s+that|"
    r"on\s+second\s+thoughts?|never\s*mind|nevermind|nvm|no+,?\s+sorry|or\s+rather|"
    r"i\s+mean|no+,?\s+actually|correction|ignore\s+that|no+|nope|nah|sorry"
)
# "actually" takes something back only when what follows replaces it ("actually, make it a
# summary", "actually add y instead"); "actually, also add x" adds.
_SOFT = r"actually|hmm+,?\s+actually"
_MARKER = re.compile(rf"^(?P<m>{_STRONG}|{_SOFT})\b[\s,.:;!?—–-]*", re.IGNORECASE)
_SPLIT = re.compile(rf"(?<=[,?!;:.…—–-])\s+(?=(?:{_STRONG}|actually)\b[\s,.:;!—–-])", re.IGNORECASE)
# What is left after "no wait" when it only says the change was not needed: "it's there".
_NOTHING_MEANT = re.compile(
    r"^(?:(?:it|that|this)(?:'s|\s+is|\s+was)?\s+(?:already\s+)?(?:there|fine|ok|okay|done|"
    r"not needed)|(?:we|you)\s+(?:already\s+)?have\s+(?:it|that|one)|ignore\s+(?:it|that)|"
    r"my\s+(?:bad|mistake))\b.*$"
)
# What is left after "no wait" when it keeps things as they are: "keep normal", "leave the
# specialty as it is", "due dates stay required", "only books" (the part that was meant stays).
_VERB = r"(?:make|add|set|change|rename|call|remove|drop|delete|use|keep|leave|go)"
_KEEPS = re.compile(
    r"^(?:(?:just|please)\s+)?(?:keep|leave)\b.*$|"
    r"^(?:(?!(?:make|add|set|change|rename|call|remove|drop|delete)\b)[\w\"]+\s+){1,3}"
    r"(?:stays?|remains?)\b.*$|"
    r"^(?:only|just)\s+(?:the\s+)?(?!(?:make|add|set|change|rename|call|remove|drop|delete|"
    r"use|go)\b)[\w\"]+(?:\s+[\w\"]+)?$"
)
_PROPERTY = re.compile(
    r"^(?:optional|required|mandatory|unique|not unique|nullable|blank|private|public|"
    r"(?:an?\s+)?(?:string|text|integer|int|number|float|decimal|boolean|bool|flag|date|datetime|"
    r"timestamp|email|url|link|phone|uuid|enum|file)|default\b.*|at (?:most|least)\b.*|"
    r"between\b.*)$"
)
_REPLACEMENT = re.compile(
    r"^(?:(?:make|call|name)\s+(?:it|that|this|them)|(?:let's|lets)\s+(?:call\s+it|go\s+with)|"
    r"rename\s+(?:it|that|this)\s+(?:to|as|into)|"  # "call it x", as the readers say it
    r"use|go\s+with|rather|better)\s+(?P<np>.+?)(?:\s+instead)?$"
)
# The target an instruction ends with ("to posts", "from the ticket priorities"): a few words
# after a preposition, with no property or modal word among them.
_PREP_TAIL = re.compile(
    r"\s+(?P<tail>(?:to|on|for|from|in|into)\s+(?!it\b|them\b)(?:(?!(?:optional|required|unique|"
    r"should|must|can|be|is|are|not|default)\b)[a-z_]+\s*){1,4})$"
)


@dataclass(frozen=True)
class Correction:
    retracts: bool  # the instruction before is taken back
    rest: str  # what was said instead ("" when nothing)


DASH = re.compile(r"(?<=[a-z0-9)])\s+(?:—|–|--|-)\s+(?=[a-z])", re.IGNORECASE)


def split_corrections(sentence: str) -> list[str]:
    """ "add x to posts, no wait, add y": the correction is a sentence of its own; so is what
    follows a dash between words ("customers rate tickets — add a rating")."""
    return [p for part in DASH.split(sentence) for p in _SPLIT.split(part) if p.strip()]


def correction(sentence: str) -> Correction | None:
    """The correction a sentence starts with, or None. `sentence` is as written."""
    rest, markers = sentence.strip(), []
    while (m := _MARKER.match(rest)) is not None:
        marker = re.sub(r"\s+", " ", m.group("m").lower())
        if marker in ("no", "nope", "nah", "wait", "sorry") and not re.search(
            r"[,.!;:—–-]", m.group()
        ):
            break  # "no one may delete posts", "wait times ...": a sentence, not a correction
        markers.append(marker)
        rest = rest[m.end() :].strip()
    if not markers:
        return None
    rest = rest.rstrip(".!?").strip()
    rest = re.sub(rf"^(?:just|simply)\s+(?={_VERB}\b)", "", rest, flags=re.IGNORECASE)
    plain_rest = re.sub(r"[`\"]", "", rest.lower())
    if _NOTHING_MEANT.match(plain_rest) or _KEEPS.match(plain_rest) or not rest:
        return Correction(retracts=True, rest="")
    if any(not re.fullmatch(_SOFT, m) for m in markers):
        return Correction(retracts=True, rest=rest)
    replaces = _REPLACEMENT.match(plain_rest)
    if re.search(r"\binstead$", plain_rest) or (
        replaces and not _PROPERTY.match(replaces.group("np"))
    ):
        return Correction(retracts=True, rest=rest)
    return None  # "actually, make it optional": a further change, not a correction


_TARGET_PREP = {"add": "to", "include": "to", "put": "to", "remove": "from", "drop": "from",
                "delete": "from"}  # fmt: skip


def borrow(said: str, before: str) -> str | None:
    """`said` completed from the instruction `before` it replaces or follows: "make it a
    summary" after "add a subtitle to posts" -> "add a summary to posts"; "add a deadline"
    after "add a due date to lists" -> "add a deadline to lists". None when `said` is whole
    (it names its own target) or `before` has nothing to lend."""
    said = re.sub(r"\s+instead$", "", said.strip())
    tail = _PREP_TAIL.search(before)
    verb = re.match(r"^(?P<v>[a-z]+)\s", before)
    if tail is None or verb is None:
        return None
    if replaces := _REPLACEMENT.match(said):
        if _PROPERTY.match(replaces.group("np")):
            return None
        if verb.group("v") == "rename":  # "rename a to b. no wait, call it c": a to c
            named = re.match(r"^(?P<head>.+\s(?:to|as|into)\s+)\S+$", before)
            return f"{named['head']}{replaces.group('np')}" if named else None
        thing, comma, props = replaces.group("np").partition(", ")  # "a returned_at datetime,
        if comma and all(_PROPERTY.match(p.strip()) for p in props.split(",")):  # optional"
            return f"{verb.group('v')} {thing} {tail.group('tail')}, {props}"
        return f"{verb.group('v')} {replaces.group('np')} {tail.group('tail')}"
    own = re.match(r"^(?P<v>[a-z]+)\s+\S", said)
    if (
        _PREP_TAIL.search(said)
        or own is None
        or own.group("v") not in (verb.group("v"), *_TARGET_PREP)
    ):
        return None
    prep, target = tail.group("tail").split(None, 1)
    if own.group("v") != verb.group("v"):
        prep = _TARGET_PREP[own.group("v")]
    return f"{said} {prep} {target}"
