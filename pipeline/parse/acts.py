"""Who does what: each clause whose subject is a noun and whose verb acts ("dispatchers create
and assign jobs"), for the reader of the permissions roles are granted (`grants.read_grants`);
the reader of roles (`decide.read_actors`) shares its subject and verb-group walks and also reads
a joined clause with a subject of its own ("... and only moderators can delete them"). No I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.parse.nlp import Analysis, Token, analyse_units

# Words that negate a verb they hang on ("technicians can't delete anything").
_NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot"})


@dataclass(frozen=True)
class Act:
    """A clause: its subject, its verb and the verbs joined to it ("can add, edit and remove"),
    and whether it is negated."""

    doc: Analysis
    subject: Token
    verb: Token
    verbs: list[Token]
    negated: bool


def acts(description: str) -> Iterator[Act]:
    """The clauses of `description` whose subject is a noun, first verbs of a group only."""
    for doc in analyse_units(description):
        for verb in doc.tokens:
            if verb.pos != "VERB" or verb.dep == "conj":
                continue
            subject = subject_of(verb, doc)
            if subject is None or not subject.is_noun:
                continue
            verbs = verb_group(verb, doc)
            heads = {v.i for v in verbs}
            negated = any(
                t.head in heads and (t.dep == "neg" or t.lower in _NEGATIONS) for t in doc.tokens
            )
            yield Act(doc=doc, subject=subject, verb=verb, verbs=verbs, negated=negated)


def subject_of(verb: Token, doc: Analysis) -> Token | None:
    head = verb
    while head.dep in ("xcomp",) and head.head != head.i:  # "can to change"
        head = doc.tokens[head.head]
    return next((t for t in doc.tokens if t.head in (verb.i, head.i) and t.dep == "nsubj"), None)


def verb_group(verb: Token, doc: Analysis) -> list[Token]:
    """ "can add, edit and remove": the verb and the verbs joined to it, or to one of those."""
    out = [verb]
    for t in doc.tokens:
        group = {v.i for v in out}
        if t.dep == "conj" and t.head in group and (t.pos == "VERB" or _misread(t)):
            out.append(t)
        elif t.dep == "amod" and _misread(t):  # "or delete venues": an adjective of "venues"
            noun = doc.tokens[t.head]
            if noun.dep == "conj" and noun.head in group:
                out.append(t)
    return out


# Verbs of a list the tagger reads as nouns or adjectives: "create, edit or delete venues".
_LISTED_VERBS = frozenset("edit delete remove update change add create modify manage".split())


def _misread(t: Token) -> bool:
    """A bare action verb in a list of verbs, tagged as a noun or an adjective."""
    return t.lower in _LISTED_VERBS and t.tag in ("NN", "JJ", "VB", "VBP")


def objects_of(verbs: list[Token], doc: Analysis) -> list[Token]:
    """The things the verbs act on: each verb's direct object and the nouns joined to it
    ("delete venues and machines"); where no verb has one, the nouns the tagger joined to a
    verb of the list instead ("create, edit or delete venues": "venues" a conjunct of "edit")."""
    heads = {v.i for v in verbs}
    direct = [t for t in doc.tokens if t.head in heads and t.dep in ("dobj", "obj")]
    if not direct:
        direct = [
            t
            for t in doc.tokens
            if t.head in heads and t.dep == "conj" and t.is_noun and not _misread(t)
        ]
    out: list[Token] = []
    for obj in direct:
        out += [t for t in doc.conjuncts(obj) if t not in out and not _misread(t)]
    return out
