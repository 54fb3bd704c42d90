"""Rules a sentence states that codebegen recognises but cannot build yet. No I/O.

    unbuilt_rules("Owners can cancel a visit until the day before.")
        -> ["a time limit (“until the day before”)"]
    unbuilt_rules("A member may have at most 3 open loans.")
        -> ["a limit on how many (“at most 3 open loans”)"]
    unbuilt_rules("Nobody else should see who said no.")
        -> ["who may see what (“nobody else should see who said no”)"]
    unbuilt_rules("A ticket can only be closed once it is solved.")
        -> ["a condition on when it may be done (“can only be closed once it is solved”)"]

The spec has no kind of rule for a deadline, a count per owner, a value hidden from some people,
an approval step, a condition on an action (beyond a change of status) or an action that happens
by itself, and a computed value or a once-only rule the rule reader could not tie to a field is
not built either; a sentence stating one is named in the
sentence account as "not built: <what>" (and in the PR body's "Not built" list), never counted as
used. These are phrasings of grammar (a modal with "until", "at most N <noun>"), not of a domain.
`explain.py` asks for them only where the rule reader (`rules.py`) made no rule of that kind from
the same sentence.
"""

from __future__ import annotations

import re

from pipeline.parse.nlp import analyse

_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|a couple of)"
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?)"
# A time limit on doing something: "until the day before", "at least 24 hours in advance",
# "within 2 weeks", "no later than noon", "after 30 days", "before the deadline".
_TIME = re.compile(
    rf"\b(?:until|till|up until|no later than|not later than)\s+(?:the\s+)?"
    rf"(?:{_NUMBER}\s+{_UNIT}|day|night|evening|morning|week|start|deadline|end|midnight|noon"
    rf"|\d{{1,2}}(?::\d\d)?\s*(?:am|pm)?)\b[^,.;]*"
    rf"|\b(?:at least|no less than|more than|less than|up to|within|after|before)\s+{_NUMBER}\s+"
    rf"{_UNIT}\b[^,.;]*"
    rf"|\b(?:in advance|ahead of time|before the deadline|past the deadline|after the deadline)\b"
)
# A modal or a rule word: the time is a limit on an action, not a description of a thing.
_RULE_WORD = re.compile(
    r"\b(?:can|can't|cannot|could|may|must|should|shouldn't|only|allowed|not allowed|no longer"
    r"|has to|have to|need to|needs to|expires?|expired|expiry|expiration|deadline)\b"
)
# A count per someone or at once: "at most 3 open loans", "up to 5 bookings per week",
# "no more than two pets per household", "only one active plan at a time".
_COUNT = re.compile(
    rf"\b(?:at most|up to|no more than|not more than|max(?:imum)?(?: of)?)\s+{_NUMBER}\s+"
    rf"(?!{_UNIT}\b|char|letter|word)[^,.;]*"
    rf"|\b(?:only|just)\s+(?:[a-z]+\s+){{0,2}}?{_NUMBER}\s+[^,.;]*?\b"
    rf"(?:per|at a time|at once|at the same time)\b[^,.;]*"
)
# Words that make a count a limit on each one's things, or on things at once.
_PER = re.compile(
    r"\b(?:per|each|at a time|at once|at the same time|simultaneous\w*|active|open)\b"
)
_HAVE = re.compile(r"\b(?:have|has|hold|holds|book|books|borrow|borrows|own|owns)\b")
# Something some people may not see: "nobody else should see who said no", "the salary is
# hidden from other staff", "only managers know the cost".
_HIDDEN = re.compile(
    r"\b(?:nobody|no one|noone) else\s+(?:\w+\s+)?(?:see|sees|know|knows|view|read)s?\b[^,.;]*"
    r"|\bhidden from\b[^,.;]*|\bhide\w*\b[^,.;]*\bfrom\b[^,.;]*"
    r"|\bnot (?:be )?(?:visible|shown) to\b[^,.;]*"
)
# Verbs of seeing or knowing: a sentence that denies or reserves one of them says who may see
# what ("other ringers should not see who said no", "only the treasurer can see the balance").
_SEEING = frozenset({"see", "view", "know", "read", "access", "look"})
_NO_ONE = frozenset({"nobody", "noone", "none"})
_WRITERS = frozenset({"i", "we"})  # "we don't see the point": the writer, not a rule


def _unseen(text: str) -> str:
    """The words of a verb of seeing that the sentence denies to someone or reserves to someone
    ("should not see who said no", "only the treasurer can see the balance"); "" when none."""
    if _SIGNED_IN.search(text.lower()):
        return ""  # "drafts can only be seen when signed in": reading behind a sign-in, built
    doc = analyse(text)
    for verb in doc.tokens:
        if verb.lemma not in _SEEING or verb.pos not in ("VERB", "AUX"):
            continue
        kids = doc.children(verb.i)
        subject = next((t for t in kids if t.dep in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower in _WRITERS:
            continue
        denied = any(t.dep == "neg" for t in kids) or subject.lower in _NO_ONE
        reserved = any(
            t.lower in ("only", "just") and t.head in (subject.i, verb.i) for t in doc.tokens
        )
        if denied or reserved:
            start = min((t.i for t in kids if t.dep in ("aux", "neg")), default=verb.i)
            words = [t.text for t in doc.tokens[start:] if t.sent == verb.sent]
            return " ".join(words).rstrip(" .!?")
    return ""


# An approval step: "must be approved by a manager before it goes live".
_APPROVAL = re.compile(
    r"\b(?:must|needs? to|has to|have to|should|only after (?:it is|they are))\s+(?:be\s+)?"
    r"(?:approved|confirmed|validated|verified|signed off|reviewed)\b[^,.;]*"
)
# Something that may happen once only: "a seat can only be booked once per screening",
# "a citizen can upvote a report, but only once".
_ONCE = re.compile(
    r"\b(?:only once|once per|at most once)\b[^,.;]*"
    r"|\bonly\b[^,.;]*\bonce\b(?!\s+(?:it|its|it's|they|the|a|an|he|she|we|you|all|both)\b)"
    r"|\b(?:not|n't|never|cannot|no)\b[^,.;]*\b(?:twice|two times|2 times)\b[^,.;]*"
    r"|\b(?:not|n't|never|cannot)\b[^,.;]*\btwo \w+ (?:to|for|on|in|at) the same\b[^,.;]*"
)
# A condition on when something may be done, beyond a change of status: "a ticket can only be
# closed once it is solved", "entries may be edited only while the contest is open".
_CONDITION = re.compile(
    r"\b(?:can|may|could|should)\s+(?:only\s+)?be\s+[a-z]+(?:ed|en)\s+(?:only\s+)?"
    r"(?:once|when|while|if|after|before|unless|as long as)\b[^,.;]*"
    r"|\b(?:can|may|could|should)\s+only\s+[a-z]+\s+(?:once|when|while|if|after|before|unless"
    r"|as long as)\b[^,.;]*"
    r"|\bonly (?:once|when|while|if|after|before|as long as)\b[^,.;]*"
    # "nobody can delete an order once it is shipped", "posts can't be edited after they are
    # published": a change forbidden from some state on
    r"|\b(?:can(?:not|'t| not)?|may(?: not)?|must not|mustn't)\s+(?:be\s+)?[a-z]+"
    r"(?:\s+(?:a|an|the|any|it|them|their|its))?(?:\s+[a-z]+)?\s+(?:once|after|when|while)\s+"
    r"(?:it|they|the \w+|its \w+)\s+(?:is|are|was|were|has|have)\b[^,.;]*"
)
# Being signed in is a condition codebegen builds (auth), not one it leaves out.
_SIGNED_IN = re.compile(r"\b(?:log(?:ged)? ?in|sign(?:ed)? ?in|authenticated|registered)\b")
# A value worked out from others: "the total is calculated from its lines".
_COMPUTED = re.compile(r"\b(?:calculated|computed|derived|summed|auto[- ]?calculated)\b[^,.;]*")
# Something that happens by itself: "the stock goes down automatically".
_AUTOMATIC = re.compile(r"\b(?:automatically|by itself|on its own)\b")

# The kinds a found item of the rule reader already covers (`rules.py`'s labels).
_COVERED = {
    "count": ("rule range", "rule length", "rule unique", "unique", "field"),
    "hidden": ("owner", "read", "permission"),
    "approval": ("rule transition", "transition", "permission"),
    "automatic": ("rule computed", "computed"),
    "condition": ("rule transition", "transition"),
}


def _quote(text: str) -> str:
    return f"“{' '.join(text.split()).strip()}”"


def unbuilt_rules(text: str, found: list[str] | None = None) -> list[str]:
    """What `text` states as a rule that the spec cannot hold, in words; [] when nothing.

    `found`: what the rule reader made of the same sentence ("rule range Loan.count 0..3",
    "owner Vote.user"): a kind it built is not named again."""
    low = " ".join(text.lower().split())
    made = found or []
    out: list[str] = []

    def covered(kind: str) -> bool:
        return any(item.startswith(_COVERED[kind]) for item in made)

    if (m := _TIME.search(low)) and _RULE_WORD.search(low):
        out.append(f"a time limit ({_quote(m.group(0))})")
    m = _COUNT.search(low)
    if m and not covered("count") and (_PER.search(m.group(0)) or _HAVE.search(low[: m.start()])):
        out.append(f"a limit on how many ({_quote(m.group(0))})")
    if not covered("hidden"):
        if m := _HIDDEN.search(low):
            out.append(f"who may see what ({_quote(m.group(0))})")
        elif unseen := _unseen(text):
            out.append(f"who may see what ({_quote(unseen.lower())})")
    if (m := _APPROVAL.search(low)) and not covered("approval"):
        out.append(f"an approval step ({_quote(m.group(0))})")
    if (m := _ONCE.search(low)) and not covered("count") and not out:
        out.append(f"a limit to once ({_quote(m.group(0))})")
    m = _CONDITION.search(low)
    if m and not _SIGNED_IN.search(m.group(0)) and not covered("condition") and not out:
        out.append(f"a condition on when it may be done ({_quote(m.group(0))})")
    if (m := _COMPUTED.search(low)) and not covered("automatic"):
        out.append(f"a computed value ({_quote(m.group(0))})")
    elif _AUTOMATIC.search(low) and not covered("automatic"):
        out.append(f"something done automatically ({_quote(low.rstrip('.!'))})")
    return out


# A restriction in plain grammar: a negated or binding modal, a bound, a range of numbers.
_RESTRICTS = re.compile(
    r"\b(?:must(?:n't| not)?|can't|cannot|can not|may not|should not|shouldn't|never"
    r"|not allowed|no more than|at most|at least|has to be|have to be|needs? to be)\b"
    r"|\bbetween\s+\$?\d[\d:.,]*\s*[a-z]*\s+and\s+\$?\d"
)
# A modal that describes what a thing is made of or who uses it, not a restriction: "each order
# must have a customer", "staff must log in", "it must be able to export".
_DESCRIBES = re.compile(
    r"\b(?:must|has to|have to|needs? to|should)\s+(?:also\s+)?(?:have|has|include|contain"
    r"|belong|be linked|be assigned|be able|log|sign|register|store|keep|record|show|list"
    r"|support|allow|work|run|use|be (?:an?|the|some|logged|signed|registered)\b)"
)
# The app itself as the subject: "needs to be fast", "the API must be secure" ask for qualities,
# not rules on the data.
_ABOUT_THE_APP = re.compile(
    r"^(?:it|this|needs?|has to|must|should|the (?:api|app|system|backend|platform|service|site"
    r"|website|tool|server))\b"
)


def stated_rule(text: str) -> str:
    """The restriction `text` states in words, quoted, or "": "pickup times must be between 6 and
    9" -> “pickup times must be between 6 and 9”. For a sentence that the rule reader made no rule
    of: it states one that is not built."""
    low = " ".join(text.lower().split()).rstrip(".!")
    if low.endswith(":") or _ABOUT_THE_APP.match(low):
        return ""
    if not _RESTRICTS.search(low) or _DESCRIBES.search(low):
        return ""
    words = low.split()
    return _quote(" ".join(words[:14]) + (" …" if len(words) > 14 else ""))
