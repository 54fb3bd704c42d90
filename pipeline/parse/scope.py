"""What a sentence leaves out, defines, or says about the business, from its dependency parse.
No I/O beyond the tagger (`nlp.py`).

    left_out(doc)      "No payments in v1", "we don't need invoices", "reports can come later"
                       -> the nouns the request negates or puts off: {"payment"}, ...
    defined_noun(doc)  "A visit is one day a dog spends with us" -> the subject token (visit)
    business_nouns(doc) "We are a housing cooperative", "I run a radio station" -> {"cooperative"}

These are facts of grammar, not of a domain: a noun under "no" or "without", the object of a
negated "need", the subject of a sentence that puts itself off, "a/an/each <noun> is ...".
`decide.py` drops the entities every mention of which is left out, `explain.py` names them as not
built, and the prose reader (`natural.py`) makes a defined noun an entity.
"""

from __future__ import annotations

import re

from pipeline.parse.nlp import Analysis, Token

# Verbs that, negated, leave their object out of the request ("we don't need invoices", "payments
# are not required"); a negated "delete" or "see" is a rule about the thing, which stays.
_SCOPE_VERBS = frozenset(
    "need want require build do include implement support handle add make care worry track "
    "store cover bother plan".split()
)
# Words that put the subject of their sentence off for later ("X can come later", "X in v2").
_PUT_OFF = re.compile(
    r"\b(?:later|not now|not yet|in the future|future version|next version|v[2-9]|version [2-9]"
    r"|phase (?:2|two)|out of scope|not in scope|nice to have|can wait|for a later)\b"
)
_NEGATIONS = frozenset({"no", "without"})
# Clause slots that hold what a sentence is about.
_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "dep", "ROOT", "appos"})
# Determiners that make "<det> <noun> is ..." the definition of one of many things.
_ONE_OF = frozenset({"a", "an", "each", "every", "one"})
# Verbs that define their subject ("a visit is ...", "a slot means ...").
_DEFINING = frozenset({"be", "mean", "represent"})
# Verbs by which the writer says what their business is ("we are a bakery", "I run a salon").
_BEING = frozenset({"be", "run", "own", "operate"})
_WRITER = frozenset({"we", "i"})


# A "no" that forbids a repeat, not the thing: "no double signup", "no two bookings for the
# same slot", "no duplicate names".
_REPEAT = re.compile(r"\b(?:same|twice|double|duplicates?|duplicated|repeat(?:ed)?)\b")


def _negated(t: Token, doc: Analysis) -> bool:
    """Is noun `t` under "no"/"without", or the object or subject of a negated scope verb?"""
    if any(c.head == t.i and c.lower in _NEGATIONS for c in doc.tokens):
        # "no payments", "no invoices in v1"; but "no double signup with the same email" is a
        # rule on signups, which stay
        return not _REPEAT.search(doc.text.lower())
    head = doc.tokens[t.head]
    if head.lower == "without" and t.dep == "pobj":
        return True  # "without payments"
    if t.dep in ("dobj", "obj", "nsubjpass") and head.lemma in _SCOPE_VERBS:
        return any(c.head == head.i and c.dep == "neg" for c in doc.tokens)
    return False


def left_out(doc: Analysis) -> set[str]:
    """Lemmas of the nouns a unit negates or puts off (see the module docstring)."""
    out: set[str] = set()
    for t in doc.tokens:
        if t.is_noun and _negated(t, doc):
            out |= {c.lemma for c in doc.conjuncts(t)}
    if _PUT_OFF.search(doc.text.lower()):
        for t in doc.tokens:
            root = doc.tokens[t.head]
            if t.is_noun and t.dep in _CORE and (t.dep == "ROOT" or root.dep == "ROOT"):
                out |= {c.lemma for c in doc.conjuncts(t)}
    return out


def defined_noun(doc: Analysis) -> Token | None:
    """The noun a definition defines: "A visit is one day a dog spends with us", "each photo
    is the image file plus a caption" (the subject of "be"/"mean", one of many)."""
    for t in doc.tokens:
        head = doc.tokens[t.head]
        noun = t.is_noun or t.tag in ("NN", "NNS") or t.pos == "INTJ"  # "a quote is": INTJ
        if t.dep != "nsubj" or not noun or head.dep != "ROOT" or head.lemma not in _DEFINING:
            continue
        dets = [c.lower for c in doc.tokens if c.head == t.i and c.dep == "det"]
        if dets and dets[0] in _ONE_OF and not any(c.dep == "neg" for c in doc.children(head.i)):
            return t
    return None


def phrase(t: Token, doc: Analysis) -> str:
    """The noun with the nouns compounded before it ("time slot", "drop-off point")."""
    words = [c.text for c in doc.tokens if c.head == t.i and c.dep == "compound" and c.i < t.i]
    return " ".join([*words, t.text]).lower()


def business_nouns(doc: Analysis) -> set[str]:
    """What the writer says their business is: "we are a housing cooperative" -> the lemma
    "cooperative" (with its compounds, "housing_cooperative")."""
    out: set[str] = set()
    for t in doc.tokens:
        head = doc.tokens[t.head]
        if t.dep not in ("attr", "dobj") or not t.is_noun or head.lemma not in _BEING:
            continue
        subject = next((c for c in doc.children(head.i) if c.dep == "nsubj"), None)
        if subject is None or subject.lower not in _WRITER or t.tag not in ("NN", "NNP"):
            continue
        out.add(t.lemma)
        out.add(phrase(t, doc).replace(" ", "_"))
    return out


# Verbs by which a thing has its fields ("a maintenance request has:", "our invoices contain:").
_HAVING = frozenset({"have", "contain", "include", "need", "get"})
# Words that point ahead to the list that follows ("has the following fields", "these details").
_AHEAD = frozenset({"following", "these", "this", "below"})


def introduced_noun(doc: Analysis) -> Token | None:
    """The noun whose fields the list after a line like this one gives: "A maintenance request
    has:", "Each vehicle should have:", "A gig has the following fields:", "For each tree we
    store:" (the subject of a having verb, or the "each" noun a writer keeps things for). None
    when the verb has an object of its own ("Members have many dogs:")."""
    root = next((t for t in doc.tokens if t.dep == "ROOT"), None)
    if root is None or root.pos not in ("VERB", "AUX"):
        return None
    kids = doc.children(root.i)
    for obj in (c for c in kids if c.dep in ("dobj", "obj")):
        if not any(m.lower in _AHEAD for m in doc.children(obj.i)) and obj.lower not in _AHEAD:
            return None
    subject = next((c for c in kids if c.dep == "nsubj"), None)
    if subject is None:
        return None
    if root.lemma in _HAVING and subject.is_noun:
        return subject
    if root.lemma in _KEEPING and subject.lower in _WRITER:
        for prep in (c for c in kids if c.dep == "prep" and c.lower in ("for", "of", "about")):
            noun = next((p for p in doc.children(prep.i) if p.dep == "pobj" and p.is_noun), None)
            if noun is not None and any(d.lower in _ONE_OF for d in doc.children(noun.i)):
                return noun
    return None


# Prepositions whose objects, in a clause inside a field list, are the fields ("an archer shoots
# a round on a date", "every edit stores a revision with the old content and a summary").
_FIELD_PREPS = frozenset({"with", "on", "at", "for"})
# Verbs by which the writer says what is kept ("we store classes left").
_KEEPING = frozenset({"store", "keep", "track", "record", "save", "log", "note"})


def clause_fields(doc: Analysis) -> list[str] | None:
    """The fields a clause in a field list names, or None when the item is no clause.

    "a member reports a sighting with a date" -> ["date"]; "we store classes left" ->
    ["classes left"]; "a member books a court" -> [] (a clause naming no field)."""
    root = next((t for t in doc.tokens if t.dep == "ROOT"), None)
    if root is None or root.i == 0:
        return None
    subject = next((c for c in doc.children(root.i) if c.dep == "nsubj"), None)
    if root.tag not in ("VBZ", "VBP", "VBD") and (subject is None or not root.is_noun):
        return None  # "a short change summary", "the date it was paid"
    if subject is not None and subject.lower in _WRITER and root.lemma in _KEEPING:
        rest = doc.tokens[root.i + 1 :]
        return [doc.text[rest[0].idx :]] if rest else []
    out = []
    for prep in doc.tokens:
        if prep.lower not in _FIELD_PREPS or prep.dep != "prep":
            continue
        for p in doc.children(prep.i):
            if p.dep == "pobj" and p.is_noun:
                out += [phrase(c, doc) for c in doc.conjuncts(p)]
    return out
