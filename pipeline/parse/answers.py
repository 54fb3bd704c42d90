"""Answers people give about each of a thing, read from the grammar. No I/O.

    "Ringers answer yes, no or maybe for each service."  -> Answer(ringer, service, answer)
    "Each player votes yes or no on every proposal."     -> Vote(player, proposal, vote)
    "For each shift, volunteers say yes, no or maybe."   -> Answer(volunteer, shift, answer)

One answer per person and thing is a row of its own: a link entity with a many-to-one to each
end and a choice field holding the answer, never a link between the two ends alone. The
choices are the short words between the verb and "for each X" (or after the verb when "for
each X" comes first); an end that is no entity but a role of the signed-in app is the User.
"""

from __future__ import annotations

import re

from pipeline.naming import singular_word
from pipeline.parse.draft import Draft, DraftRelation
from pipeline.parse.nlp import Analysis, Token
from pipeline.parse.phrases import split_list, tokens
from pipeline.parse.relations import lookup
from pipeline.spec import Field, FieldType, RelationKind

# The thing an answering verb makes, where it is not the verb itself ("vote" -> a Vote).
_ANSWER_NOUNS = {"say": "answer", "respond": "response", "rate": "rating", "choose": "choice"}
_PREPS = frozenset({"for", "to", "on", "about", "at"})
_EACH = frozenset({"each", "every"})
_CHOICE = re.compile(r"^[a-z][a-z_'-]*(?: [a-z][a-z_'-]*)?$")  # one or two plain words
_NOT_CHOICES = frozenset({"a", "an", "the", "their", "his", "her", "its", "my", "our", "it"})


def _each_thing(doc: Analysis) -> tuple[Token, Token] | None:
    """The preposition and noun of "for each service", "on every proposal"."""
    for det in doc.tokens:
        if det.lower not in _EACH or det.dep != "det":
            continue
        noun = doc.tokens[det.head]
        prep = doc.tokens[noun.head] if noun.head != noun.i else noun
        if noun.is_noun and noun.dep == "pobj" and prep.lower in _PREPS:
            return prep, noun
    return None


def _answerer(verb: Token, doc: Analysis) -> Token | None:
    """Who answers: the verb's subject, or the noun the tagger glued to it ("Guests RSVP")."""
    for t in doc.children(verb.i):
        if t.dep in ("nsubj", "compound") and t.is_noun and t.i < verb.i:
            return t
    return None


def _choices(text: str) -> list[str]:
    """ "yes, no or maybe" -> [yes, no, maybe]; [] unless 2 to 6 short plain items."""
    text = re.sub(r"^\s*(?:with|either)\s+", "", text.strip(" ,.;:"))
    items = [i.strip().lower() for i in split_list(text)]
    if not 2 <= len(items) <= 6 or len(items) != len(set(items)):
        return []
    if any(not _CHOICE.match(i) or set(tokens(i)) & _NOT_CHOICES for i in items):
        return []
    return items


def _end(tok: Token, draft: Draft) -> tuple[str, str] | None:
    """(entity key, link name) an answerer or thing names: an entity, or the User by role."""
    word = singular_word(tok.lower)
    if key := lookup(word, draft.entities):
        return key, key
    if word in {r for r, _ in draft.roles}:
        return "user", word
    return None


def read_answers(doc: Analysis, draft: Draft) -> None:
    """Add the answer entity each "<people> <answer> <choices> for each <thing>" states."""
    found = _each_thing(doc)
    if found is None:
        return
    prep, thing = found
    for verb in doc.tokens:
        if verb.pos not in ("VERB", "PROPN") or verb.i in (prep.i, thing.i):
            continue
        who = _answerer(verb, doc)
        if who is None:
            continue
        after = doc.text[verb.idx + len(verb.text) :]
        said = after[: prep.idx - verb.idx - len(verb.text)] if prep.i > verb.i else after
        choices = _choices(said)
        ends = [_end(who, draft), _end(thing, draft)]
        if not choices or None in ends:
            continue
        noun = _ANSWER_NOUNS.get(verb.lemma, verb.lemma)
        if lookup(noun, draft.entities) in {e[0] for e in ends if e}:
            continue
        # a typed field: the answer is a thing of its own, though its word is the verb's
        draft.entity(noun).items.append(
            Field(name=noun, type=FieldType.ENUM, choices=["_".join(tokens(c)) for c in choices])
        )
        pair = {e[0] for e in ends if e}
        # the answer joins the two: no link between them alone ("each player ... every proposal")
        draft.relations = [r for r in draft.relations if {r.source, r.target} != pair]
        draft.weak_links = [p for p in draft.weak_links if set(p) != pair]
        for key, name in (e for e in ends if e):
            if key == "user":
                draft.auth = True
            draft.relations.append(
                DraftRelation(kind=RelationKind.MANY_TO_ONE, source=noun, target=key, name=name)
            )
        return
