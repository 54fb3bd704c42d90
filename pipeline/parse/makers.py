"""Who makes a row, read from the grammar: a person who writes, reports, opens or logs a thing
is its maker, and the thing belongs to them. No I/O.

    "a member reports a sighting of a species"         -> (member, sighting)
    "As a student, I can leave one review per course"  -> (student, review)
    "people sign up and write reviews of restaurants"  -> (people, review)
    "Filmmakers submit their films"                    -> (filmmaker, film)

The pairs go to `draft.authored`; the build (`relations.made_relations`, as for the list
reader's "authors write posts") links each thing to the User where the maker is one of the
signed-in app's ordinary people (a role that makes rows of its own, not staff) or anyone at all
("people"), and skips pairs that are linked already. They make no ownership rule: a text says
that where it means it ("only their own"). A maker that is an entity of its own is left to the
other readers: a thing made by a Customer row is often the customer's through another. The subject is read from the parse (any verb form, "can ... and
submit", a clause under a label), a pronoun "I"/"we" from the user story's "As a X".
"""

from __future__ import annotations

from pipeline.naming import singular_word
from pipeline.parse.draft import Draft
from pipeline.parse.nlp import Analysis, Token
from pipeline.parse.relations import lookup
from pipeline.parse.vocab import CREATING_VERBS

# Verbs by which a person brings a row into being (what they make is theirs): the list
# reader's creating verbs, and the acts of recording something that people write in stories.
MAKING_LEMMAS = frozenset(v for v in CREATING_VERBS if not v.endswith("ing")) | frozenset(
    "report log record upload file offer propose request add make enter register".split()
)
_PRONOUNS = frozenset({"i", "we"})


def _persona(verb: Token, doc: Analysis) -> Token | None:
    """ "As a student, I ...": the noun after a sentence's "as" that no verb takes."""
    for t in doc.tokens:
        if t.sent != verb.sent or t.lower != "as" or t.dep != "prep":
            continue
        nouns = [p for p in doc.children(t.i) if p.dep == "pobj" and p.is_noun]
        if nouns:
            return nouns[0]
    return None


def _subject(verb: Token, doc: Analysis) -> Token | None:
    head = verb
    while head.dep in ("conj", "xcomp") and head.head != head.i:  # "sign up and write"
        head = doc.tokens[head.head]
    found = [t for t in doc.tokens if t.head == head.i and t.dep == "nsubj"]
    if not found:
        return None
    if found[0].lower in _PRONOUNS:
        return _persona(verb, doc)
    return found[0] if found[0].is_noun else None


def _word(tok: Token, doc: Analysis) -> str:
    """The noun with the compound nouns before it, singular: "sales reps" -> "sales rep"."""
    words = [t.lower for t in doc.children(tok.i) if t.dep == "compound" and t.is_noun]
    return " ".join([*words, singular_word(tok.lower)])


def _made(verb: Token, doc: Analysis) -> list[Token]:
    """The verb's objects and the nouns joined to them ("reviews and ratings")."""
    out: list[Token] = []
    for obj in doc.children(verb.i):
        if obj.dep in ("dobj", "obj") and obj.is_noun:
            out += doc.conjuncts(obj)
    return out


def read_made(doc: Analysis, draft: Draft) -> None:
    """Add (maker, thing) to `draft.authored` for each making verb whose object is an entity
    and whose maker is a person, not an entity of its own ("a sensor records a reading" is
    the list readers' and `clauses`')."""
    for verb in doc.tokens:
        if verb.pos != "VERB" or verb.lemma not in MAKING_LEMMAS:
            continue
        maker = _subject(verb, doc)
        if maker is None:
            continue
        who = _word(maker, doc)
        if lookup(who, draft.entities) not in (None, "user"):
            continue
        for obj in _made(verb, doc):
            thing = lookup(_word(obj, doc), draft.entities) or lookup(obj.lower, draft.entities)
            if thing and (who, thing) not in draft.made + draft.authored:
                draft.authored.append((who, thing))
