"""Values in brackets after a thing: "each lesson uses a board (soft_top, mini_mal, shortboard)".

A single noun followed by a bracket of short words that do not read as field names is a field
of the thing the sentence is about, and the words are its choices — not a new entity "Board"
with fields "soft_top", "mini_mal". Who owns the field comes from spaCy's parse: the noun a
preposition hangs on ("appointments for a slot"), the act of the verb where the text names it
("register for a camp, choosing a board": a registration), or the verb's subject ("a lesson
uses a board").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipeline.naming import singular_word as singular
from pipeline.parse.decide import ATTRIBUTE_WORDS
from pipeline.parse.fields import infer_type
from pipeline.parse.nlp import Analysis, Token, analyse
from pipeline.parse.phrases import clean, noun_key, split_list, tokens
from pipeline.parse.vocab import VALUE_SET_WORDS, link_nouns
from pipeline.spec import FieldType

# What a value's own word may read as: "advanced", "retired" look like yes/no fields by name.
_VALUE_TYPES = frozenset({FieldType.STRING, FieldType.BOOLEAN})
# Labels that tie a noun to the one it modifies or stands beside.
_JOINED = frozenset({"compound", "amod", "conj", "appos"})
_OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Prepositions after which a noun is had by the noun before: "pets with a species", "essays on a
# scale", "appointments for a slot" (not "of", "in": "problems in public space (...)").
_HAVING = frozenset({"with", "for", "on", "at"})
# Verbs that hang on another verb: "... and use", "want to choose", "register, choosing".
_CHAINED = frozenset({"conj", "xcomp", "advcl", "relcl"})


def bracket_values(text: str) -> list[str] | None:
    """The choices a bracket lists ("soft_top, mini_mal, shortboard", "S | M | L"), or None when
    its items read as fields ("name, phone"), an aside ("optional") or examples ("e.g. Paris")."""
    if re.search(r"\b(?:e\.?g|i\.?e|etc|like|such as|with|optional|unique)\b|[:=]", text):
        return None
    items = [i for i in split_list(re.sub(r"\s*[|/]\s*", ", ", text)) if i.strip()]
    if len(items) < 2:
        return None
    values: list[str] = []
    for item in items:
        words = tokens(clean(item))
        if not 0 < len(words) <= 2:
            return None
        if singular(words[-1]) in ATTRIBUTE_WORDS or infer_type(words) not in _VALUE_TYPES:
            return None  # "name, phone", "date, notes": the fields of a thing
        values.append(item.strip(" \"'."))
    return values


def _close(sentence: str, after: int) -> int:
    """Where the bracket opened after `after` closes."""
    close = sentence.find(")", after)
    return close if close >= 0 else len(sentence)


def _token_at(doc: Analysis, offset: int) -> Token | None:
    return next((t for t in doc.tokens if t.idx == offset), None)


def _phrase_key(doc: Analysis, head: Token) -> str | None:
    """The entity key of a noun with the compounds before it ("blood test" -> "blood_test")."""
    if not head.is_noun:
        return None
    words = [t for t in doc.tokens if t.head == head.i and t.dep == "compound" and t.i < head.i]
    under = [t for t in doc.tokens if t.dep == "compound" and t.head in {w.i for w in words}]
    if any(t.tag == "NNS" for t in words + under):
        words = []  # "patients book appointments": a sentence read as one noun, not a name
    return noun_key(" ".join([*(t.text for t in words), head.text]))


def _owner(
    doc: Analysis, noun: Token, named: Collection[str], *, joined_only: bool = False
) -> str | None:
    """The thing the sentence says has `noun`: the noun a preposition joins it to; the object of
    the verb it hangs on; the act of that verb where the text names it as a thing ("register for
    a camp, choosing a board": a registration); else the verb's subject. `joined_only`: only
    the noun a preposition joins it to."""
    token = noun
    while token.dep in _JOINED and token.head != token.i:
        token = doc.tokens[token.head]
    if token.dep == "pobj":
        prep = doc.tokens[token.head]
        above = doc.tokens[prep.head]
        if above.is_noun and above.i != token.i:
            # "pets with a species (...)"; not "the decision of an application (...)" nor
            # "problems in public space (...)", where the bracket gives kinds or examples
            return _phrase_key(doc, above) if prep.lower in _HAVING else None
        if joined_only:
            return None
        objects = [t for t in doc.tokens if t.head == above.i and t.dep in _OBJECTS]
        if objects and (key := _phrase_key(doc, objects[0])):
            return key
        verb = above
    elif token.dep in _OBJECTS and not joined_only:
        verb = doc.tokens[token.head]
    else:
        return None
    subject: Token | None = None
    while verb.pos in ("VERB", "AUX"):
        act = next((n for n in link_nouns(verb.lemma) if n in named), None)
        if act is not None:
            return act
        subjects = [t for t in doc.tokens if t.head == verb.i and t.dep in _SUBJECTS]
        subject = subject or (subjects[0] if subjects else None)
        if subject is None and verb.dep == "acl" and doc.tokens[verb.head].is_noun:
            thing = doc.tokens[verb.head]  # "rooms, choosing a view (...)"
            if thing.dep == "attr":  # "a booking is a member taking a slot (...)"
                said = [t for t in doc.tokens if t.head == thing.head and t.dep in _SUBJECTS]
                thing = said[0] if said else thing
            return _phrase_key(doc, thing)
        if verb.dep not in _CHAINED or verb.head == verb.i:
            break
        verb = doc.tokens[verb.head]  # "register for a camp, choosing a board (...)"
    return _phrase_key(doc, subject) if subject is not None else None


def _attribute_of(doc: Analysis, noun: Token, entities: Collection[str]) -> tuple[str, str] | None:
    """(entity key, attribute) where the values in brackets are those of an entity's attribute,
    said as "reservation status (...)" or "the status of a reservation (...)"."""

    def known(word: str) -> str | None:
        # the key as drafted so far: "make_reservation" until the verb before it is dropped
        key = singular(word)
        return next((k for k in entities if k == key or k.endswith("_" + key)), None)

    if noun.lower in VALUE_SET_WORDS:
        before = [
            t for t in doc.tokens if t.head == noun.i and t.dep == "compound" and t.i < noun.i
        ]
        if before and (key := known(before[-1].lower)):
            return key, noun.lower
    if noun.dep == "pobj" and doc.tokens[noun.head].lower == "of":
        above = doc.tokens[doc.tokens[noun.head].head]
        if above.lower in VALUE_SET_WORDS and (key := known(noun.lower)):
            return key, above.lower
    return None


def choice_field(
    sentence: str,
    span: tuple[int, int],
    values: list[str],
    *,
    named: Collection[str] = (),
    entities: Collection[str] = (),
    joined_only: bool = False,
) -> tuple[str, str] | None:
    """(owner key, field item) for the noun at sentence[span] followed by its values, or
    None when the parse names no owner ("we use a board (...)"). `named`: the things the whole
    text names (singular), so an act ("register") finds the thing it makes ("registration")."""
    start, end = span
    doc = analyse(sentence)
    last = sentence[start:end].split()[-1]
    noun = _token_at(doc, end - len(last))
    if noun is None or not noun.is_noun:
        return None
    inside = [t for t in doc.tokens if noun.idx + len(noun.text) < t.idx < _close(sentence, end)]
    if any(t.tag in ("VB", "VBP") for t in inside):
        return None  # "the catalogue (create/update/delete)": what is done to it, not values
    if found := _attribute_of(doc, noun, entities):
        key, attribute = found
        return key, f"{attribute} (one of {'|'.join(values)})"
    owner = _owner(doc, noun, named, joined_only=joined_only)
    name = " ".join(
        t.text
        for t in doc.tokens
        if t.head == noun.i and t.dep in ("compound", "amod") and t.i < noun.i
    )
    if owner is None:
        return None
    return owner, f"{(name + ' ' + noun.text).strip()} (one of {'|'.join(values)})"
