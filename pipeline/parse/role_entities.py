"""Whether what the readers gathered under a role's name describes a thing to store. No I/O.

A role word ("cashiers", "road captains") often picks up items that are no fields of its own:
the rest of a clause ("Cashiers need login and they sell the tickets" -> "they sell the tickets"),
the things the role acts on ("Only road captains can create rides" -> "rides"), or a lone
adverb ("Station owners ... only"). A role with nothing but such items is a signed-in user, not
an entity (`decide.vet_entities`).
"""

from __future__ import annotations

from pipeline.naming import singular_word
from pipeline.parse.draft import Draft
from pipeline.parse.phrases import MODAL, tokens

# First words that start a clause about the role, never a field of it ("they sell the tickets",
# "only sees her own invoices").
_CLAUSE_STARTS = frozenset("they he she we i you it only also then just".split())
# Words that say the role signs in ("log in", "sign up with email"): the account, no field.
_SIGN_IN_STARTS = frozenset("log login logs sign signs register registers".split())


def describes(key: str, item: object, draft: Draft, usage: dict[str, set[str]]) -> bool:
    """Does `item`, gathered under entity `key`, name a field of it (not a clause about it, nor
    another entity it acts on)? `usage`: the parts of speech each word has in the text."""
    if not isinstance(item, str):
        return True  # a typed field: a document named it
    words = tokens(item)
    if not words or words[0] in _CLAUSE_STARTS | _SIGN_IN_STARTS or MODAL.search(item):
        return False  # "a kid can have two parents": a sentence about the role
    verb = usage.get(words[0], set()) <= {"VERB", "AUX"} and usage.get(words[0])
    if verb and not words[0].endswith(("ing", "ed")):
        return False  # "see everything", "approve requests": what the role does, where
        # "bringing a passenger" or "signed waiver" may still be a yes/no field
    return not any(
        singular_word(w) != key and singular_word(w) in draft.entities for w in words
    )  # "rides", "two students with accounts": the things it acts on


def only_acts(key: str, draft: Draft, usage: dict[str, set[str]]) -> bool:
    """Are all of `key`'s items clauses about it or the things it acts on (or has it none)?"""
    return not any(describes(key, item, draft, usage) for item in draft.entities[key].items)
