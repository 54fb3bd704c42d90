"""Which collections the words give every signed-in caller to read (`mark_shared`): a word for
keeping records private makes a sentence say nothing shared, unless it is negated ("it's a board,
not private"). Own texts, expected answer first."""

from __future__ import annotations

import pytest

from pipeline.contract.constraints import mark_shared

CASES = [
    (True, "Every signed-in user sees all requests on the board (it's a board, not private)."),
    (True, "Posts are not private: any member can read them."),
    (True, "Listings aren't secret, every registered user can browse the listings."),
    (True, "Reviews are never hidden and everyone can view the reviews."),
    (True, "All users can see each other's trips, trips are not private at all."),
    (False, "Notes are private; other users cannot see the notes."),
    (False, "Users only see their own diaries, which are not public."),
    (False, "Every user sees the invoices they made, never anybody else's invoices."),
]


@pytest.mark.parametrize(("shared", "prose"), CASES)
def test_a_negated_word_for_private_shares_the_collection(shared: bool, prose: str) -> None:
    word = next(
        w
        for w in (
            "requests",
            "posts",
            "listings",
            "reviews",
            "trips",
            "notes",
            "diaries",
            "invoices",
        )
        if w in prose.lower()
    )
    plans = {f"GET /{word}": {"pattern": "list", "collection": f"/{word}"}}
    mark_shared(plans, prose)
    assert plans[f"GET /{word}"].get("shared", False) is shared


EDIT_CASES = [
    (True, "PUT /pages/{slug} makes the next revision (any logged in user can edit, it's a wiki)."),
    (True, "Every signed-in member may update any recipe in the shared box."),
    (True, "Checklists belong to the team: all users can change a checklist."),
    (True, "Anyone signed in can modify the timetable entries."),
    (False, "Any logged in user can edit their own profile and their own entries."),
    (False, "Only the author may change a recipe; anyone can read it."),
]


@pytest.mark.parametrize(("shared", "prose"), EDIT_CASES)
def test_words_that_let_every_signed_in_caller_edit_share_the_changes(
    shared: bool, prose: str
) -> None:
    word = next(
        w
        for w in ("pages", "recipes", "checklists", "entries", "profiles")
        if w.rstrip("s") in prose.lower() or w[:-3] in prose.lower()
    )
    plans = {f"PATCH /{word}/{{id}}": {"pattern": "update", "collection": f"/{word}"}}
    mark_shared(plans, prose)
    assert plans[f"PATCH /{word}/{{id}}"].get("shared_writes", False) is shared
