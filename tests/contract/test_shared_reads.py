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


def test_the_same_board_for_everybody_shares_every_collection() -> None:
    """ "Everybody ... sees the same board" names no collection: it speaks of all of them. A
    sentence that names none and says nothing is the same shares nothing."""
    plans = {
        "GET /chores": {"pattern": "list", "collection": "/chores"},
        "GET /rooms": {"pattern": "list", "collection": "/rooms"},
    }
    mark_shared(plans, "Everybody in the flat has an account and sees the same board.")
    assert all(plan.get("shared") for plan in plans.values())
    plans = {"GET /chores": {"pattern": "list", "collection": "/chores"}}
    mark_shared(plans, "Everyone has to sign in to see anything.")
    assert "shared" not in plans["GET /chores"]
