"""Links that a person makes between two things: "we link items to the donor who brought them",
"I want to link each case to one client and assign it to one lawyer", "a manager assigns a
translator to the project". No I/O.

The thing linked belongs to the thing it is linked to (Item.donor, Case.client, Case.lawyer);
a person assigned to a thing is that thing's (Project.translator). A person named by a role of a
signed-in app is the User, the link named for the role. Only where the one who links is a person
(or nobody is named: "link each case to a client"): "an enrollment links a student to a course"
is a link noun, read by `links.read_links`.
"""

from __future__ import annotations

import re

from pipeline.naming import singular_word
from pipeline.parse.draft import Draft, DraftRelation
from pipeline.parse.links import LINK_VERBS
from pipeline.parse.nlp import Analysis, Token
from pipeline.parse.relations import lookup
from pipeline.spec import RelationKind

# Verbs by which a person ties one thing to another.
_LINKING = LINK_VERBS | {"allocate"}
# Prepositions that name the thing a linked thing is tied to.
_TO = frozenset({"to", "with"})
# How a parser may attach the thing linked to the verb.
_OBJECT_DEPS = frozenset({"dobj", "obj", "npadvmod"})
# Words for whoever uses the app: a subject who is no thing.
_ANYONE = frozenset("i we you they he she someone somebody user users people staff".split())
# Endings of nouns for people ("translator", "lawyer", "dentist").
_PERSON_ENDING = re.compile(r"(?:er|or|ist|ian)s?$")


def _key(tok: Token, doc: Analysis) -> str:
    words = [t.lower for t in doc.children(tok.i) if t.dep == "compound" and t.is_noun]
    return "_".join([*words, singular_word(tok.lower)])


def _roles(draft: Draft) -> set[str]:
    return {r for r, _ in draft.roles if r not in draft.entities}


def _end(tok: Token, doc: Analysis, draft: Draft) -> tuple[str, str] | None:
    """(entity key, link name) of a noun: an entity, or a role's User."""
    key = _key(tok, doc)
    found = lookup(key.replace("_", " "), draft.entities) or lookup(tok.lower, draft.entities)
    if found:
        return found, found
    if singular_word(tok.lower) in _roles(draft) and draft.auth:
        return "user", singular_word(tok.lower)
    return None


def _is_person(tok: Token, key: str) -> bool:
    return key == "user" or tok.lower in _ANYONE or bool(_PERSON_ENDING.search(tok.lower))


def _linker(subject: Token, doc: Analysis, draft: Draft) -> bool:
    """Is the subject someone who links things ("we", "a project manager", a role), not a
    thing that is the link itself ("an enrollment")?"""
    if subject.pos == "PRON" or subject.lower in _ANYONE:
        return True
    roles = {r for r, _ in draft.roles}
    if singular_word(subject.lower) in roles or _key(subject, doc) in roles:
        return True  # "the dispatcher assigns", even where a reader took it for an entity
    end = _end(subject, doc, draft)
    if end is not None:
        return end[0] == "user"
    return bool(_PERSON_ENDING.search(subject.lower))


def _subject(verb: Token, doc: Analysis) -> Token | None:
    head = verb
    while True:
        found = next((t for t in doc.children(head.i) if t.dep in ("nsubj", "nsubjpass")), None)
        if found is not None or head.dep not in ("conj", "xcomp") or head.head == head.i:
            return found
        head = doc.tokens[head.head]


def _objects(verb: Token, doc: Analysis, draft: Draft) -> list[Token]:
    """The verb's objects, also those a tagger misreads ("link parcels": a verb; "link each
    matter": an adverbial); for a pronoun ("and assign it to one lawyer"), those of the verb it
    is joined to."""
    found = [t for t in doc.children(verb.i) if t.dep in _OBJECT_DEPS]
    if found and all(t.pos == "PRON" for t in found) and verb.dep == "conj":
        return _objects(doc.tokens[verb.head], doc, draft)
    things = [t for t in found if t.is_noun or _end(t, doc, draft)]
    return [c for t in things for c in doc.conjuncts(t)]


def _targets(verb: Token, objects: list[Token], doc: Analysis) -> list[Token]:
    """The nouns after "to"/"with", hung on the verb or on its object ("assigns an editor to
    the article")."""
    preps = [
        t
        for head in (verb, *objects)
        for t in doc.children(head.i)
        if t.dep == "prep" and t.lower in _TO
    ]
    found = [p for prep in preps for p in doc.children(prep.i) if p.dep == "pobj" and p.is_noun]
    return [c for t in found for c in doc.conjuncts(t)]


def read_assigned(doc: Analysis, draft: Draft) -> None:
    """Add the links a person makes in one unit's parse ("we link items to the donor")."""
    for verb in doc.tokens:
        if verb.pos != "VERB" or verb.lemma not in _LINKING:
            continue
        subject = _subject(verb, doc)
        if subject is not None and not _linker(subject, doc, draft):
            continue  # "an enrollment links a student to a course": a link noun
        objects = _objects(verb, doc, draft)
        targets = _targets(verb, objects, doc)
        # "assign it to a lawyer": "it" is a thing, whatever its noun ("matter") sounds like
        thing_said = any(t.lower == "it" for t in doc.children(verb.i) if t.dep in _OBJECT_DEPS)
        for obj in objects:
            thing = _end(obj, doc, draft)
            for target in targets:
                other = _end(target, doc, draft)
                if not thing or not other or thing[0] == other[0]:
                    continue
                child, parent = thing, other
                if verb.lemma == "assign" and not thing_said and _is_person(obj, thing[0]):
                    if not _is_person(target, other[0]):
                        child, parent = other, thing  # "assign a translator to the project"
                _add(draft, child[0], parent[0], parent[1])


def _add(draft: Draft, source: str, target: str, name: str) -> None:
    if any({r.source, r.target} == {source, target} for r in draft.relations):
        return  # stated already
    if target == "user":
        draft.entity("user")
    draft.relations.append(
        DraftRelation(kind=RelationKind.MANY_TO_ONE, source=source, target=target, name=name)
    )
