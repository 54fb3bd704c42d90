"""Clauses read through their dependency parse: who does what to what. No I/O.

The regular readers find entities in lists, headings and "X has Y" sentences; this reader adds
what only the grammar shows:

- the things a keeping verb takes ("we track companies, contacts and deals", "reps log calls and
  meetings against a contact"): each object noun, and its conjuncts, is an entity;
- a link noun: when the text names the act of a verb as a thing ("members book classes; each
  booking has a date"), the link entity (Booking) gets a many-to-one to each side (Member,
  Class), never a silent many-to-many between them.

Everything it proposes still passes `decide.vet_entities`.
"""

from __future__ import annotations

from pipeline.naming import plural_word, singular_word
from pipeline.parse.draft import Draft
from pipeline.parse.nlp import Analysis, Token, analyse_many
from pipeline.parse.phrases import noun_key
from pipeline.parse.units import split_units

# Verbs whose object is a collection the API keeps ("we track deals").
KEEPING_VERBS = frozenset(
    "track manage store record log keep catalog catalogue organize organise list maintain "
    "schedule register archive collect".split()
)
# Link nouns that are not the verb plus a suffix.
_LINK_NOUNS = {
    "join": ("membership",),
    "borrow": ("loan",),
    "lend": ("loan",),
    "subscribe": ("subscription",),
    "rent": ("rental",),
    "apply": ("application",),
    "attend": ("attendance", "registration"),
    "buy": ("purchase", "order"),
    "order": ("order",),
    "hire": ("hire", "contract"),
    "reserve": ("reservation", "booking"),
    "book": ("booking", "reservation", "appointment"),
    "enroll": ("enrollment", "enrolment"),
    "enrol": ("enrolment", "enrollment"),
    "assign": ("assignment",),
    "review": ("review",),
    "rate": ("rating",),
    "vote": ("vote",),
    "follow": ("follow", "subscription"),
    "sign": ("signup", "registration"),
}
# Nouns that are never kept as entities from a verb's object.
_NOT_THINGS = frozenset(
    """
    thing stuff track record data information info everything anything something lot kind sort
    way time detail details history progress status api app system website site list part
    setting settings account accounts permission permissions role roles
    """.split()
)
_PEOPLE = frozenset("we i you they people everyone everybody someone user users".split())


def link_nouns(verb: str) -> tuple[str, ...]:
    """Nouns that name the act of `verb` as a thing: book -> booking, reservation, ..."""
    made = (verb + "ing", verb + "ment", verb.removesuffix("e") + "ation", verb + "al")
    return tuple(dict.fromkeys((*_LINK_NOUNS.get(verb, ()), *made)))


def _key(tok: Token, doc: Analysis) -> str:
    """The entity key a noun token names, with a compound before it ("sales rep" -> sales_rep)."""
    words = [t.lower for t in doc.tokens if t.head == tok.i and t.dep == "compound" and t.is_noun]
    return "_".join([*words, singular_word(tok.lower)])


def _objects(verb: Token, doc: Analysis, *, through: bool = True) -> list[Token]:
    """The verb's objects and their conjuncts: "track companies, contacts and deals";
    `through`: also the object of a preposition after it ("book into classes")."""
    out = [t for t in doc.tokens if t.head == verb.i and t.dep in ("dobj", "obj") and t.is_noun]
    for t in doc.tokens if through else ():
        if t.head == verb.i and t.dep == "prep" and t.lower in ("into", "for", "in", "to"):
            out += [p for p in doc.tokens if p.head == t.i and p.dep == "pobj" and p.is_noun]
    i = 0
    while i < len(out):
        out += [t for t in doc.tokens if t.head == out[i].i and t.dep == "conj" and t.is_noun]
        i += 1
    return out


def _subject(verb: Token, doc: Analysis) -> Token | None:
    head = verb
    while head.dep in ("conj", "xcomp") and head.head != head.i:  # "can join and leave"
        head = doc.tokens[head.head]
    return next(
        (t for t in doc.tokens if t.head == head.i and t.dep in ("nsubj", "nsubjpass")), None
    )


def read_clauses(text: str, draft: Draft) -> None:
    """Add the entities and links only the grammar of `text` shows."""
    docs = analyse_many([u.text for u in split_units(text) if u.kind != "heading"])
    roles = {r for r, _ in draft.roles} | {plural_word(r) for r, _ in draft.roles}
    for doc in docs:
        for verb in doc.tokens:
            if verb.pos != "VERB":
                continue
            objects = _objects(verb, doc)
            subject = _subject(verb, doc)
            link = next((n for n in link_nouns(verb.lemma) if n in draft.entities), None)
            if link and objects:
                ends = [*objects[:1]]
                if subject is not None and subject.lower in ("user", "users"):
                    ends.insert(0, subject)
                elif subject is not None and subject.is_noun and subject.lower not in _PEOPLE:
                    ends.insert(0, subject)
                for end in ends:
                    key = _key(end, doc)
                    if key != link and key not in _NOT_THINGS:
                        draft.entity(key)
                        draft.weak_links.append((link, key))
            elif verb.lemma in KEEPING_VERBS:
                for obj in _objects(verb, doc, through=False):
                    key = _key(obj, doc)
                    if obj.tag == "NNS" and not ({obj.lemma, key} & (_NOT_THINGS | roles)) and (
                        noun_key(key.replace("_", " "))
                    ):
                        draft.entity(key)
