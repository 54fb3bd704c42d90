"""Sentences written as asides in brackets, read as sentences of their own. No I/O beyond the
spaCy parse (`nlp.analyse_many`).

"Shipments: tracking number and which coffees were in the box (a shipment has several coffees,
a coffee goes out in many shipments)": the bracket is a sentence that states a relation, but
parsed inside the list around it its words hang on the list's nouns and say nothing. So is the
rest of such a unit: "people sort photos into albums (an album is a name + a description), and
a photo can be in many albums" parses as one sentence only once the aside is out.

`aside_docs` gives the parses the relation readers read besides the unit's own: each bracket
that holds a clause (a verb with its subject), and the unit without its brackets.
"""

from __future__ import annotations

import re

from pipeline.parse.nlp import Analysis, analyse_many

# A bracket with no bracket inside it.
_BRACKET = re.compile(r"\s*\(([^()]*)\)")
# Fewest words a bracket needs to hold a clause ("a task has labels").
_CLAUSE_WORDS = 3


def _is_clause(doc: Analysis) -> bool:
    """Does the text hold a verb with a noun for its subject ("a coffee goes out in many
    shipments"), not a list of values or fields ("pending, paid", "a name and a color") or a
    remark ("if it is raining")?"""
    verbs = {t.i for t in doc.tokens if t.pos in ("VERB", "AUX")}
    return any(
        t.dep in ("nsubj", "nsubjpass") and t.head in verbs and t.is_noun for t in doc.tokens
    )


def aside_docs(docs: list[Analysis]) -> list[Analysis]:
    """The clauses in the brackets of `docs`, and each unit that held one read without its
    brackets, parsed."""
    asides: list[str] = []
    for doc in docs:
        inner = [m.group(1).strip() for m in _BRACKET.finditer(doc.text)]
        inner = [t for t in inner if len(t.split()) >= _CLAUSE_WORDS]
        if not inner:
            continue
        clauses = [a for a in analyse_many(inner) if _is_clause(a)]
        if not clauses:
            continue
        asides += [a.text for a in clauses]
        rest = re.sub(r"\s+([,.;:])", r"\1", _BRACKET.sub("", doc.text)).strip()
        if rest and rest != doc.text:
            asides.append(rest)
    return analyse_many(list(dict.fromkeys(asides))) if asides else []
