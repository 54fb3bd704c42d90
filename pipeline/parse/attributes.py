"""Fields named as a value of a thing, through the dependency parse. No I/O.

"We track the weight of each pet", "we also record the microchip number of a pet", "staff log
each pet's current weight", "the start time of every class is stored": a noun that a verb takes
(or that a passive verb is said of), with an entity after "of" or before "'s", is a field of
that entity. Its conjuncts share the owner unless they name their own ("the weight of each pet
and the phone number of every owner"). A noun that names an entity itself ("the bookings of a
member") is a link, left to the other readers. Both nouns are singular: a field holds one
value of one row, and a plural on either side is a collection or an idiom ("a menu of dishes",
"a list of books", "the prices of rooms", "keep track of inspections").
"""

from __future__ import annotations

from pipeline.parse.draft import Draft
from pipeline.parse.fields import parse_field
from pipeline.parse.nlp import Analysis, Token
from pipeline.parse.relations import lookup

# How a noun is the thing a verb handles: its object, or the subject of a passive verb.
_HANDLED = frozenset({"dobj", "obj", "nsubjpass"})
# Words before a field noun that are part of its name ("microchip number", "current weight").
_NAME_PARTS = frozenset({"compound", "amod"})


def read_attributes(doc: Analysis, draft: Draft) -> None:
    """Add to `draft` each "<field> of <entity>" and "<entity>'s <field>" that a verb handles."""
    for tok in doc.tokens:
        if (
            tok.dep not in _HANDLED
            or not tok.is_noun
            or doc.tokens[tok.head].pos
            not in (
                "VERB",
                "AUX",
            )
        ):
            continue
        group = doc.conjuncts(tok)
        shared = next((o for o in map(lambda t: _owner(t, doc), group) if o is not None), None)
        for noun in group:
            owner = _owner(noun, doc) or shared
            if owner is not None:
                _add(noun, owner, doc, draft)


def _owner(noun: Token, doc: Analysis) -> Token | None:
    """The noun after "of" ("the weight of each pet") or before "'s" ("each pet's weight")."""
    for child in doc.children(noun.i):
        if child.dep == "poss" and child.is_noun:
            return child
        if child.dep == "prep" and child.lower == "of":
            return next((t for t in doc.children(child.i) if t.dep == "pobj" and t.is_noun), None)
    return None


def _add(noun: Token, owner: Token, doc: Analysis, draft: Draft) -> None:
    key = lookup(owner.lower, draft.entities)
    if key is None or "NNS" in (noun.tag, owner.tag):
        return  # "the prices of rooms", "a menu of dishes", "keep track of inspections"
    other = lookup(noun.lemma, draft.entities)
    if other is not None and draft.entities[other].items:
        return  # "the bookings of a member": a thing of its own, not a value
    parts = [t for t in doc.children(noun.i) if t.dep in _NAME_PARTS and t.i < noun.i]
    if parts and any(t.i != noun.i - n for n, t in enumerate(reversed(parts), 1)):
        parts = []  # only the words right before the noun name it
    phrase = " ".join(t.lower for t in [*parts, noun])
    parsed = parse_field(phrase)
    if parsed is None:
        return
    entity = draft.entity(key)
    known = {f.name for i in entity.items if isinstance(i, str) and (f := parse_field(i))}
    if parsed.name not in known and all(
        getattr(i, "name", None) != parsed.name for i in entity.items
    ):
        entity.items.append(phrase)
