"""A thing's field items, as written: `add_fields("book", "a title, many tags", draft)`. No I/O.

The items of a list are kept as written for the field reader (`fields.parse_field`), less the
examples that go on after "like" ("skills like electronics, textiles": one field). An item that
is a clause ("a member reports a sighting with a date") gives the fields it names, and an item
that names many of a thing ("many tags", "appointments with doctors") makes that thing too; a
limit on a count of things ("max number of students") is a number, and makes no thing.
"""

from __future__ import annotations

import re

from pipeline.naming import singular_word as singular
from pipeline.parse.domains import DEFAULT_FIELDS
from pipeline.parse.draft import Draft
from pipeline.parse.fields import LIMIT_WORDS, parse_field
from pipeline.parse.nlp import analyse_many
from pipeline.parse.phrases import is_plural, noun_key, split_list, tokens
from pipeline.parse.scope import clause_fields
from pipeline.parse.transitions import ARROW

# Where a sentence of its own starts after a list of fields: the list ends there (the sentence
# goes to `Draft.after_lists`, read as prose, and the rule readers read it with its unit).
_NEXT_SENTENCE = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bapprox)(?<!\bvs)(?<!\bca)(?<!\bincl)"
    r"(?<!\bmin)(?<!\bmax)(?<!\bst)(?<!\bnr)\.\s+(?=[a-z])",
    re.I,
)


# A sentence that says who may do what, or what must hold, or how a status moves ("status goes
# draft → sent"): never the list of fields.
_RULE_SENTENCE = re.compile(r"\b(?:can|cannot|can't|may|must|should|shall|only|never)\b", re.I)


def _rule_sentence(text: str) -> bool:
    return bool(_RULE_SENTENCE.search(text) or ARROW.search(text))


def _the_list(text: str, draft: Draft) -> str:
    """The sentence of `text` that lists the fields: "a, b. No two with the same a." -> "a, b";
    "what a customer brings in. Type, make, serial number." -> "Type, make, serial number";
    "trophies and medals. Each has a SKU, a name and a price." -> the second."""
    parts = _NEXT_SENTENCE.split(text)
    lists = [
        p
        for p in parts
        if not _rule_sentence(re.sub(r"\([^()]*\)", "", p))
        or (_HAS.match(p) and not ARROW.search(p))  # "it has a total, never typed in"
    ]
    lists = lists or parts[:1]  # (a bound in brackets, "(never more than 10)", is the list's)
    said = max(lists, key=lambda p: len(split_list(p)) + bool(_HAS.match(p)))  # the longest
    # list, one said with "each has" before an equal one; the first of equals
    draft.after_lists += [p for p in parts if p is not said]  # read as prose, after the rest
    said = _WHICH_IS.split(said)[0]  # "and a total, which is the sum of ...": the total
    return _HAS.sub("", said) if said is not parts[0] else said


# A clause that says how the last item is worked out, after which no field is listed: "a total,
# which is the sum of ...", not "the winner, which is a player, and a result".
_WHICH_IS = re.compile(
    r",\s*(?:which|that)\s+(?:is|are|will be|gets?)\s+(?:the\s+(?:sum|total|average|product)\b"
    r"|(?:automatically\s+)?(?:computed|calculated|worked out)\b)",
    re.I,
)
# "Each has a code and a price", "they have ...": a sentence that lists what a thing has.
_HAS = re.compile(r"^\s*(?:each(?:\s+one)?|every\s+\w+|they|it|all)\s+(?:has|have)\b", re.I)


def add_fields(key: str, text: str, draft: Draft) -> None:
    """Field items of an entity, as written; "many X" items name entities too. A formula in
    their place ("the total (adults × adult price + children × child price)") names none."""
    text = _the_list(text, draft)
    said = split_list(text)
    if said and all(_FORMULA.search(i) for i in said):
        return  # (a formula among fields, "price, payout = price x 0.8", is read as one)
    entity = draft.entity(key)
    items = _without_examples(said)
    clauses = [i for i in items if _CLAUSE_ITEM.match(i) and len(tokens(i)) >= 4]
    read = dict(zip(clauses, analyse_many(clauses), strict=True)) if clauses else {}
    for item in list(items):
        found = clause_fields(read[item]) if item in read else None
        if found is not None:  # "a member reports a sighting with a date": the date
            items[items.index(item) : items.index(item) + 1] = found
    for item in items:
        parsed = parse_field(item)
        if parsed is None:
            continue
        owned = noun_key(" ".join(parsed.words))
        counted = re.search(r"\d", item) and not parsed.many  # "rooms (1-6)": a count
        limit = parsed.words[0] in LIMIT_WORDS  # "max number of students": a number, no thing
        if (
            owned
            and not limit
            and (parsed.many or _is_common_plural(parsed.words[-1]) and not counted)
        ):
            draft.entity(owned)  # "many tags", "appointments with doctors"
        entity.items.append(item)


# Operators between words: a computation, not a list ("a × b + c", "hours * rate").
_FORMULA = re.compile(r"[×÷*]|[a-z]\s+x\s+[a-z]")
# An item that starts giving examples ("skills like electronics, textiles, bikes"), and an item
# that is a field again ("..., and a phone number").
_EXAMPLES = re.compile(r"\s(?:like|such as|e\.?g\.?|for example|for instance|including)\s")
_A_FIELD_AGAIN = re.compile(r"^(?:a|an|the|its|their|his|her|some|also)\s")


def _without_examples(items: list[str]) -> list[str]:
    """The items, less the examples that go on after "like"/"such as": "skills like
    electronics, textiles, bikes" is one field, skills; "tags like urgent, a due date" two."""
    out: list[str] = []
    examples = False
    for item in items:
        if examples and not _A_FIELD_AGAIN.match(item) and re.fullmatch(r"[a-z -]+", item):
            if len(tokens(item)) <= 2:
                continue
        out.append(item)
        # "a name like “The Volcano”": a quoted example is whole; what follows is a field again
        examples = bool(_EXAMPLES.search(f" {item} ")) and not re.search(r"[\"“”'()]", item)
    return out


# A field item that may be a clause: "an archer shoots a round on a date", "we store ...".
_CLAUSE_ITEM = re.compile(r"^(?:a|an|the|every|each|one|we|i)\s+[a-z]+\s+[a-z]+")


def _is_common_plural(word: str) -> bool:
    return is_plural(word) and singular(word) in DEFAULT_FIELDS and singular(word) != "note"
