"""Remarks around a request: the reason a reviewer gives, or what they tell about their world.
No I/O beyond spaCy's pipeline (`pipeline.parse.nlp`).

    is_remark("we're getting novels in there")          -> True   (the speaker's situation)
    is_remark("some events are open-ended")             -> True   (some of them: a fact)
    is_remark("since we moved payments to Stripe")      -> True   (a reason clause alone)
    is_remark("the title should be unique")             -> False  (a modal: a wish)
    is_remark("we need a priority on tasks")            -> False  (a need of the speaker's)
    is_remark("we need it to work out shipping")        -> True   (what the change is for)
    is_remark("posts have many tags")                   -> False  (a statement about the spec)

The decision is read from the parse, not from word lists: a clause is a remark when it is a
statement (it has a subject, and no modal on its verb), not the speaker's own wish ("we need",
"I want"), and it is about something other than the spec's things in general: it is told in the
past or as going on now, its subject is a pronoun or quantified ("some patients", "nobody"), or
the speaker appears in it ("floats give us rounding noise"). A subordinate clause standing
alone ("since ...", "because ...", "until ...") is a reason too. Refinement takes a sentence as a
remark only when no reader could read it as a change (`instructions.py`), so a remark never
hides a request that was understood.

`leads_to_request(text)`: the parts of a comment that come before a dash and an imperative ("we
need to know which room it is in — add a room number to appointments"): a reason for the
request after the dash, when no reader can read them as a change of their own.

`split_remark(sentence)` cuts a reason clause that leads a request ("because ..., make ...") and
a remark that trails one after a comma, a semicolon or a question mark ("comment bodies should be at most 2000 characters, we're getting novels in
there", "could the phone be optional? not everyone has one").
"""

from __future__ import annotations

import re

from pipeline.naming import plural_word, singular_word, snake
from pipeline.parse.nlp import Analysis, Token, analyse
from pipeline.parse.phrases import sentences
from pipeline.refine.corrections import DASH
from pipeline.spec import ProjectSpec

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")

_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
# Determiners that speak of a part of a kind ("some patients", "most events"), not of the
# kind itself; articles, "each", "every" and "all" speak of every row of an entity.
_PART_OF = frozenset({"some", "most", "few", "many", "several", "no"})
# Indefinite pronouns that spaCy's small model tags as nouns ("nobody", "everyone").
_INDEFINITE = frozenset(
    {
        "nobody",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "people",
        "most",
        "many",
        "few",
        "half",
    }
)
# Words that state a property the spec can hold ("it's computed", "they're optional"): a
# sentence about "it" with one of them is a request, never a remark.
_PROPERTY_WORDS = frozenset(
    {"computed", "calculated", "derived", "unique", "optional", "required", "mandatory",
     "blank", "private", "public", "nullable"}
)  # fmt: skip
# Subjects that name a part of what follows "of" ("half of our speakers", "most of them").
_PARTS = frozenset({"half", "some", "most", "many", "few", "none", "several", "part"})
_SPEAKER = frozenset({"we", "us", "our", "i", "me", "my", "ours"})
# What a speaker asks for when they say it of themselves: "we need", "I'd like", "we want".
_WISH = frozenset({"need", "want", "like", "require", "prefer", "love", "expect"})


def is_remark(text: str) -> bool:
    """Whether `text` (one clause or sentence) tells a reason or a fact rather than asking for
    a change (see the module doc)."""
    return _remark(text) is not None


def is_sure_remark(text: str) -> bool:
    """A remark that no reader should try to read as a change: a reason clause alone, a story
    told in the past or as going on, a part of a kind ("some patients have a whole list"), or
    the speaker's own situation. A remark about "it" or "they" ("it's tiny") is not sure: "it's
    unique" after a field is a change, so those are remarks only where nothing reads them."""
    return _remark(text) not in (None, "pronoun")


# "agents keep closing open ones by mistake", "people are always asking for it"
_KEEP_DOING = re.compile(
    r"^(?:the\s+|our\s+|some\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:keeps?|kept|(?:are|is)\s+always)\s+"
    r"(?!being\b)[a-z]+ing\b"
)


# "most never answer", "some of them don't have one": what part of them do
_MOST_DO = re.compile(
    r"^(?:most|many|some|few|half|a lot)\s+(?:of\s+(?:them|us|those|these|our\s+\w+)\s+|\w+s\s+)?(?:never|don't|do not|"
    r"won't|rarely|always|usually|just|only)\b"
)


# "the agent UI pages on its own", "the frontend sorts them itself" (no modal: nothing asked)
_ON_ITS_OWN = re.compile(
    r"^(?!.*\b(?:should|must|can|could|may|needs?|has to|have to|shall|will)\b).*\s(?:on\s+(?:its|their)"
    r"\s+own|by\s+(?:itself|themselves)|itself|themselves|client[- ]side)$"
)


def after_all(text: str) -> bool:
    """ "it's a public meetup page after all": why, said after the request, asking nothing."""
    words = text.strip().rstrip(".!").lower()
    return bool(re.search(r",?\s+after all$", words)) and not _ASKS.match(words)


def _remark(text: str) -> str | None:
    words = re.sub(r"\s*\([^()]*\)", "", text).strip().rstrip(".!").strip()  # asides in brackets
    if not words or words.endswith("?"):
        return None
    if re.search(r"\b(?:is|are)\s+(?:final|terminal)$|\bshould\s+follow\s+(?:the|this|a)\s+(?:work)?flow$",
                 words.lower()):  # fmt: skip
        return "told"  # "once it's completed the status is final": what the transitions say
    if _ABLE.match(words.lower()):
        return "reason"  # "(we want to) be able to restore a comment removed by mistake"
    if _NOW.match(words.lower()) and not _ASKS.match(_NOW.sub("", words.lower())):
        return "told"  # "right now any user can change anyone's comment": how things are
    if _ON_ITS_OWN.search(words.lower()) and not _ASKS.match(words.lower()):
        return "told"  # "the agent UI pages on its own": something else does it
    if _KEEP_DOING.match(words.lower()):
        return "told"  # "agents keep closing open ones by mistake": what keeps happening
    if _MOST_DO.match(words.lower()):
        return "part"  # "most never answer", "many of them don't have one"
    doc = analyse(words)
    root = _root(doc)
    if root is None:
        return None
    kids = doc.children(root.i)
    if any(k.dep == "mark" for k in kids) and root.tag.startswith("VB"):
        return "reason"  # "since we moved to Stripe", "until the order ships"
    if (lead := PURPOSE_LEAD.match(words.lower())) and any(k.dep in _SUBJECTS for k in kids):
        modals = {t.lower for t in doc.tokens if t.tag == "MD"}
        if lead.group(1) != "so" or modals and modals <= {"can", "could", "will", "'ll", "may"}:
            return "reason"  # "so a customer can loop in a colleague": what the change is for
    if any(k.tag == "MD" for k in kids):
        if _FUTURE.match(words.lower()) and not any(t.lower in _PROPERTY_WORDS for t in doc.tokens):
            return "told"  # "it will be reachable from outside soon": what is coming
        return None  # "it should be unique", "we could add ..."
    subjects = [k for k in kids if k.dep in _SUBJECTS]
    if not subjects:
        return None  # an imperative ("drop the notes") or a fragment ("optional")
    subject = subjects[0]
    if subject.lower in _SPEAKER and (root.lemma in _WISH or _wish_below(doc, root)):
        if _PURPOSE.search(words.lower()):
            return "reason"  # "we need it to work out shipping costs", "we want to be able to
        return None  # restore ...": what the change is for; "we need a priority": a request
    if subject.tag in ("WDT", "WP"):
        return None  # ", which has a name": a relative clause, part of what it follows
    determined = subject.pos == "PRON" or any(
        c.dep in ("det", "poss") for c in doc.children(subject.i)
    )
    if (root.tag == "VBD" and determined) or (root.tag in ("VBN", "VBG") and _has_aux(kids)):
        return "told"  # "we had two posts ...", "we've moved", "we're getting novels"
    if subject.lower in _INDEFINITE or any(
        (c.dep in ("det", "amod") and c.lower in _PART_OF)  # "some patients", "most todos"
        or c.dep == "neg"  # "not everyone"
        or (c.dep == "prep" and c.lower == "of" and subject.lower in _PARTS)  # "half of them"
        for c in doc.children(subject.i)
    ):
        return "part"
    if subject.lower in _SPEAKER or any(
        t.lower in _SPEAKER and t.dep in ("dative", "dobj", "pobj") for t in doc.tokens
    ):
        return "speaker"  # "we link to a file share", "floats give us rounding noise"
    if any(t.lower in _PROPERTY_WORDS for t in doc.tokens):
        return None  # "it's computed from the start time": a property of what "it" is
    if subject.pos == "PRON":
        return "pronoun"
    if any(k.dep == "neg" for k in kids) and root.tag in ("VB", "VBP", "VBZ"):
        return "negated"  # "clients never send it": how things are; or a removal, when read
    return None


# A wish for what is asked already ("we need it for ...", "we need them to ...") or for what
# the reader can then do ("we want to be able to restore ..."): the purpose of a request.
_PURPOSE = re.compile(
    r"\b(?:need|needs|want|wants|use|would like)\s+(?:it|them|this|that|these|those)\s+(?:to|for)\b"
    r"|\bto be able to\b"
)
# How things stand now, said before a statement: "right now", "at the moment", "currently".
_NOW = re.compile(
    r"^(?:right now|at the moment|atm|currently|as it is|today|for now|now(?=,?\s+(?:is|are|there|"
    r"it's|every|each|only|all|one|we|they)\b)),?\s+"
)
# A clause that says what a change is for: "so (that) a customer can ...", "because ...".
# (A bare "so" may lead to the request instead: "records hold personal data, so you should ...";
# "as" leads a user story: "as a manager I want ...".)
PURPOSE_LEAD = re.compile(r"^(so that|so|since|because)\s+\w+")
_FUTURE = re.compile(
    r"^(?:it|this|that|they|the (?:app|api|service|site))(?:\s+will|'ll)\s+(?!not\b)"
    r"|^(?:it|this|that)(?:\s+would|'d)\s+(?:really\s+|also\s+)?(?:help|save|simplify|speed|make\s+(?:life|things|our|"
    r"it|everything)|be\s+(?:a\s+)?(?:huge|big|great|real|massive)\s+(?:help|win|improvement))\b"
)  # "it will be reachable from outside soon", "that would help a lot once we have ...": what
# comes of it, not what is asked
_ABLE = re.compile(r"^(?:(?:we|i)\s+(?:want|need|would like|'d like)\s+to\s+)?be able to\b")


# Verbs that tell what a thing holds or is linked to: a statement with one describes the spec.
_HOLDING = frozenset(
    {"have", "belong", "contain", "include", "hold", "own", "reference", "need", "get", "carry",
     "link", "point", "require", "keep", "store", "track", "record"}
)  # fmt: skip


def is_statement(text: str) -> bool:
    """Whether `text` states how things are ("the lists are short anyway", "customers cancel
    all the time"): a subject and a verb of its own, no modal, not the speaker's wish, not a
    question, and no word that names a property the spec can hold. Looser than `is_remark`:
    refinement uses it only for a sentence that no reader could read as a change."""
    words = text.strip().rstrip(".!").strip()
    if not words or words.endswith("?") or _remark(words) is not None:
        return bool(words) and not words.endswith("?")
    doc = analyse(words)
    root = _root(doc)
    if root is None or not root.tag.startswith("VB") or root.tag in ("VB", "VBG", "VBN"):
        return False  # a fragment, an imperative, or a participle ("computed from ...")
    kids = doc.children(root.i)
    subjects = [k for k in kids if k.dep in _SUBJECTS]
    if not subjects or subjects[0].tag in ("WDT", "WP") or any(k.tag == "MD" for k in kids):
        return False
    if subjects[0].lower in _SPEAKER and (root.lemma in _WISH or _wish_below(doc, root)):
        return False  # "we need a priority"
    if any(t.tag in ("VB", "MD") for t in doc.tokens[: subjects[0].i]) or _ASKS.match(words):
        return False  # "turn off pagination, the lists are short": a request comes first
    if root.lemma in _HOLDING and not any(k.dep == "xcomp" and k.tag == "VBG" for k in kids):
        return False  # "a tag just has a name" (but "customers keep asking": they go on asking)
    if root.lemma == "be" and not any(k.dep == "acomp" for k in kids) and not _when(doc, kids):
        return False  # "a tag is just a name": what a thing is made of (not "... is next week")
    return not any(t.lower in _PROPERTY_WORDS for t in doc.tokens)


# The verbs a change request starts with, which a tagger may read as an adjective or a noun
# ("rename `moved_at` ... , matches the ERP naming").
_ASKS = re.compile(
    r"^(?:please\s+)?(?:add|rename|remove|drop|delete|make|change|set|turn|use|mark|allow|let)\b",
    re.I,
)


# Words that say when: "the launch is next week", "the audit is on Friday".
_TIME_WORDS = frozenset(
    """today tomorrow tonight week weekend month year day morning evening quarter monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december soon""".split()
)


def _when(doc: Analysis, kids: list[Token]) -> bool:
    """Does "be" here say when something happens ("is next week", "is on Friday"), with no
    noun it is ("is a name")?"""
    if any(k.dep == "attr" for k in kids):
        return False
    for k in kids:
        if k.dep == "npadvmod" and k.lower in _TIME_WORDS:
            return True
        if k.dep == "prep" and k.lower in ("on", "in", "by", "until", "before", "after"):
            if any(t.dep == "pobj" and t.lower in _TIME_WORDS for t in doc.children(k.i)):
                return True
    return False


def says_nothing_of(text: str, spec: ProjectSpec) -> bool:
    """Whether a clause names nothing the spec holds (no entity, field, role or value, no name
    in quotes, no property a field can have) and asks for nothing (no request verb first, no
    "should", "must", "please"): "its confusing", "longer ones break the sidebar". Refinement
    reads such a clause as a remark only beside a change it applied from the same comment."""
    low = text.lower()
    if re.search(r"[`\"]", text) or _ASKS.match(low) or _REQUEST_WORDS.search(low):
        return False
    if _BOUND.search(low):
        return False  # "between 0 and 3", "max 200 chars": a property of the field before
    held = {*spec.roles, *_PROPERTY_WORDS}
    for e in spec.entities:
        held |= {e.name.lower(), snake(e.name), e.plural}
        for f in e.fields:
            held |= {f.name, *f.choices}
    spaced = {h.replace("_", " ") for h in held}
    words = re.findall(r"[a-z][a-z_]*", low)
    said = {*words, *(singular_word(w) for w in words)}
    said |= {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    return not (said & (held | spaced) or any(plural_word(r) in said for r in spec.roles))


# A bound said of a value: "between 0 and 3", "at most 5", "max 200", "1-5", "no more than 10".
_BOUND = re.compile(
    r"\b(?:between|from|at most|at least|max(?:imum)?|min(?:imum)?|up to|no more than|no less than|"
    r"over|under|below|above)\s+-?\d|\b\d+\s*(?:-|–|to)\s*\d+\b|[<>]=?\s*\d"
)
# Words by which a clause asks for something.
_REQUEST_WORDS = re.compile(
    r"\b(?:should|shouldn't|must|mustn't|need|needs|please|let's|want|wants|can we|could we|"
    r"would|only|never|always|instead)\b"
)


def wants_what_was_said(text: str) -> bool:
    """ "We need this for the launch", "I want that before Friday": the speaker's wish whose one
    object is a word for what was asked before; why, not a request of its own."""
    words = text.strip().rstrip(".!").strip()
    if not words or words.endswith("?"):
        return False
    doc = analyse(words)
    root = _root(doc)
    if root is None or root.lemma not in _WISH:
        return False
    kids = doc.children(root.i)
    subjects = [k for k in kids if k.dep in _SUBJECTS]
    objects = [k for k in kids if k.dep in ("dobj", "obj")]
    return (
        bool(subjects)
        and subjects[0].lower in _SPEAKER
        and len(objects) == 1
        and objects[0].lower in ("this", "that", "it", "these", "those")
        and not any(k.dep in ("xcomp", "ccomp") for k in kids)  # "we need it to be unique"
    )


def leads_to_request(text: str) -> frozenset[str]:
    """The parts of `text` (as cut at dashes, stripped) that a dash joins to an imperative."""
    found = set()
    for line in text.splitlines():
        for sentence in sentences(line):
            parts = [p.strip() for p in DASH.split(sentence) if p.strip()]
            for before, after in zip(parts, parts[1:], strict=False):
                if _imperative(after):
                    found.add(_BULLET.sub("", before).strip())
    return frozenset(found)


def _imperative(text: str) -> bool:
    doc = analyse(text.strip().rstrip(".!"))
    root = _root(doc)
    if root is None or root.tag != "VB":
        return False
    return not any(k.dep in _SUBJECTS for k in doc.children(root.i))


# A dash with spaces around it, between a request and its reason: "... optional — walk-ins
# don't always give it" (a hyphen inside a word, "walk-ins", is none).
_SPACED_DASH = r"\s+(?:—|–|--|-)\s+"


def split_remark(sentence: str) -> list[str]:
    """ "end time should be optional, some events are open-ended": [request, remark] when what
    follows the last comma, semicolon or question mark (outside parentheses and quotes) is a
    remark and what
    precedes it has words of its own; else [sentence]."""
    masked = re.sub(r"\([^()]*\)|\"[^\"]*\"|`[^`]*`", lambda m: "\0" * len(m.group()), sentence)
    cuts = [m for m in re.finditer(rf"[,;?]\s+|{_SPACED_DASH}", masked)]
    if cuts:  # "because tickets were resold, make the seat number unique": a reason first
        head, tail = sentence[: cuts[0].start()].strip(), sentence[cuts[0].end() :].strip()
        if len(tail.split()) >= 2 and _remark(head) == "reason":
            return [head, tail]
        # "we're deploying on a tiny box, please use SQLite": the request is what "please" asks
        if re.match(r"please\s+\w+\s+\w+", tail, re.I) and is_sure_remark(head):
            return [head, tail]
        # "we don't track warehouses any more, remove the Warehouse entity": a remark, then
        # what it leads to, said as an imperative
        if len(cuts) == 1 and len(tail.split()) >= 2 and _imperative(tail):
            if is_sure_remark(head) or is_statement(head):
                return [head, tail]
    for reason in _REASON_CUT.finditer(masked):  # "rename x to y so it lines up with ..."
        head, tail = sentence[: reason.start()].strip(), sentence[reason.start() :].strip()
        if len(head.split()) >= 3 and _remark(tail) in ("reason", "pronoun", "speaker"):
            return [head, tail]
    for cut in reversed(cuts):
        head = sentence[: cut.start() + (masked[cut.start()] == "?")].strip()
        tail = sentence[cut.end() :].strip()
        bare = re.fullmatch(r"(?:optional|required|unique|mandatory)\W*", head.lower())
        if (len(head.split()) < 2 and not bare) or len(tail.split()) < 2:
            continue  # "optional, most never answer": a property of the field before, and why
        if is_remark(tail):
            return [head, tail]
        break  # only the last clause may be a trailing remark
    return [sentence]


def trailing_statement(sentence: str, spec: ProjectSpec | None = None) -> tuple[str, str] | None:
    """ "turn off pagination, the lists are short anyway": (request, statement) when what
    follows the last comma or semicolon states how things are (`is_statement`), or names
    nothing of `spec` and asks for nothing (`says_nothing_of`: "..., its confusing"), and what
    precedes it has words of its own; else None. Refinement cuts there only when the sentence
    whole could not be read, so a statement that is a change of its own is still read."""
    cut = last_clause(sentence)
    if cut is None:
        return None
    head, tail = cut
    if not is_statement(tail) and (spec is None or not says_nothing_of(tail, spec)):
        return None
    return head, tail


def last_clause(sentence: str, *, dashes: bool = True) -> tuple[str, str] | None:
    """(what precedes, what follows) the last comma or semicolon (or spaced dash) outside
    brackets and quotes, when each side has two words or more; else None."""
    masked = re.sub(r"\([^()]*\)|\"[^\"]*\"|`[^`]*`", lambda m: "\0" * len(m.group()), sentence)
    cuts = list(re.finditer(rf"[,;]\s+|{_SPACED_DASH}" if dashes else r"[,;]\s+", masked))
    if not cuts:
        return None
    head, tail = sentence[: cuts[-1].start()].strip(), sentence[cuts[-1].end() :].strip()
    if len(head.split()) < 2 or len(tail.split()) < 2:
        return None
    return head, tail


# A conjunction that starts a reason inside a sentence: what follows it may be a remark.
_REASON_CUT = re.compile(r"(?<=\S)\s+(?=(?:since|because|so that|so)\s+\w+\s+\w+)")


def _root(doc: Analysis) -> Token | None:
    start, end = doc.sentences[0] if doc.sentences else (0, 0)
    return next((t for t in doc.tokens[start:end] if t.dep == "ROOT"), None)


def _has_aux(kids: list[Token]) -> bool:
    """A perfect or progressive ("we've had", "we're getting"); not a passive ("is written")."""
    return any(k.dep == "aux" and k.lemma in ("be", "have") for k in kids)


def _wish_below(doc: Analysis, root: Token) -> bool:
    """ "we'd really like to have tags": the wish is the verb's complement's head."""
    return any(k.dep == "xcomp" and k.lemma in _WISH for k in doc.children(root.i))
