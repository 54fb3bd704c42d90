"""A line that announces what follows it with a colon ("Review notes:", "Couple of things after
going through the models:", "hmm, a few things: rename ..."): context, and what comes after the
colon is read on its own. No I/O.
"""

from __future__ import annotations

import re

from pipeline.refine.sayings import _LEAD_NOUN, _NOT_LEAD

# Longest announcement read as one ("Some more changes from the people at the front desk").
_MAX_WORDS = 10


def announces(text: str, names: frozenset[str] = frozenset()) -> bool:
    """Words before a colon that name the remarks to come (notes, things, changes, nits) and
    ask nothing themselves: no verb of a request, and no entity ("comments: soft delete")."""
    if re.search(r"`|\w\.\w", text):
        return False  # "`StockMovement.note`:": a field, and what follows is said of it
    said = re.sub(r"[^\w\s']", " ", text.lower()).split()
    if not said or len(said) > _MAX_WORDS:
        return False
    joined = " ".join(said)
    if not _LEAD_NOUN.search(joined) or _NOT_LEAD.search(joined):
        return False
    return not any(w in names for w in said)


def split_lead_in(sentence: str, names: frozenset[str] = frozenset()) -> list[str]:
    """["Review notes:", the rest] when the sentence opens with an announcement and a colon;
    the sentence alone otherwise (and the announcement alone when nothing follows it)."""
    before, colon, after = sentence.partition(":")
    if not colon or not announces(before, names):
        return [sentence]
    after = after.strip()
    return [f"{before.strip()}:", after] if after else [f"{before.strip()}:"]
