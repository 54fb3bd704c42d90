"""Proposed entities that are a field of another thing, or a field's values. No I/O.

The readers propose an entity for a noun with a bracket after it ("the outcome (fixed, partly
fixed, not fixable)", "side (left, right, both)") or for a noun they meet again in a field list
("kilograms of grapes", "sugar degree"). Such a word is an attribute of the thing the sentence
describes, its bracket the attribute's choices: it becomes no table. `vet_field_words` drops
those proposals once every reader has run (before the spec is built), noting each.
"""

from __future__ import annotations

import re

from pipeline.naming import pascal, plural_word
from pipeline.parse.bracketed import bracket_values
from pipeline.parse.decide import ATTRIBUTE_WORDS
from pipeline.parse.draft import Draft
from pipeline.parse.phrases import noun_key, strip_determiners, tokens

# Words before a noun that make it one of many ("a side", "each outcome", "their materials").
_ONE_OF_MANY = re.compile(r"\b(?:a|an|each|every|per|any|another|which|no)\s+$")


def _mentions(word: str, text: str) -> list[re.Match[str]]:
    plural = re.escape(plural_word(word))
    return list(re.finditer(rf"\b(?:{re.escape(word)}|{plural})\b", text))


def _linked(key: str, draft: Draft) -> bool:
    pairs = (*draft.has_many, *draft.weak_links, *draft.shared, *draft.made, *draft.authored)
    return any(key in pair for pair in pairs) or any(
        key in (r.source, r.target) for r in draft.relations
    )


def _own_items_are_values(key: str, draft: Draft) -> bool:
    """Has `key` no items, or only values ("fixed, partly fixed", "left, right, both")?"""
    items = [str(i).strip() for i in draft.entities[key].items]
    if any(noun_key(i) in draft.entities for i in items):
        return False  # "scout + activity": links to other things
    # "the mood of the animal (calm, tense)": the values, and the attribute they are of
    values = items[:-1] if items and items[-1].lower() in ATTRIBUTE_WORDS else items
    return not items or (len(values) >= 2 and bracket_values(", ".join(values)) is not None)


def _field_items(key: str, draft: Draft) -> list[str]:
    """Items of other entities that name `key` inside a longer field phrase or with its choices:
    "sugar degree (brix)", "kilograms of grapes", "meals eaten (none, some, all)", "the outcome
    (fixed, not fixable)" (not a bare "customer": that is a link to a thing)."""
    word = key.replace("_", " ")
    found = []
    for other, entity in draft.entities.items():
        if other == key:
            continue
        for item in entity.items:
            if not isinstance(item, str):
                continue
            low = item.lower()
            name = strip_determiners(tokens(re.split(r"[(:]", low)[0]))
            if not _mentions(word, " ".join(name)):
                continue
            bracket = re.search(r"[(:]\s*(?P<values>[^)]*)", low)
            valued = bracket is not None and bracket_values(bracket.group("values")) is not None
            if valued or " ".join(name) not in (word, plural_word(word)):
                found.append(low)
    return found


def _only_in_fields(key: str, draft: Draft, low: str, items: list[str]) -> bool:
    """Does every mention of `key` in the text lie inside one of these field items?"""
    rest = low
    for item in sorted(items, key=len, reverse=True):
        rest = rest.replace(item.split("(")[0].strip(), " ")
    return not _mentions(key.replace("_", " "), rest)


def _a_field_with_choices(key: str, draft: Draft, low: str) -> bool:
    """ "condition (fine, good, poor)", "side (left, right, both)": the word's own items are all
    values, and the text never names it in the plural or as one of many."""
    items = draft.entities[key].items
    if not items or not _own_items_are_values(key, draft):
        return False
    word = key.replace("_", " ")
    for m in _mentions(word, low):
        if m.group(0) != word or _ONE_OF_MANY.search(low[: m.start()]):
            return False
    return True


def vet_field_words(draft: Draft) -> None:
    """Drop the proposed entities that the text uses only as a field of another thing, or that
    only list a field's choices."""
    if not draft.description or len(draft.entities) < 2:
        return
    low = draft.description.lower()
    for key in list(draft.entities):
        entity = draft.entities[key]
        if entity.path or any(not isinstance(i, str) for i in entity.items):
            continue  # a document named it
        if _linked(key, draft) or not _own_items_are_values(key, draft):
            continue
        items = _field_items(key, draft)
        why = ""
        if items and _only_in_fields(key, draft, low, items):
            why = "the text names it only in another thing's fields"
        elif _a_field_with_choices(key, draft, low):
            values = ", ".join(str(i) for i in entity.items)
            why = f"its bracket ({values}) lists values, not the fields of a thing"
        if why:
            del draft.entities[key]
            draft.note(f"{pascal(key)} is not an entity: {why}.")
