"""Status transitions said in more ways: two target values ("marked shipped or lost only while
it's in transit"), "become", a status of several words ("in review"), "go to X when it is Y",
"only when <noun> is Y", a list ended by "and", "but only while", and quoted values. Short texts
of our own, the transition expected written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.transitions import _froms


def _transition(text: str, entity: str) -> tuple[list[str], str] | None:
    for r in parse_spec(text).rules:
        if r.kind.value == "transition" and r.entity == entity:
            return r.from_values, r.to
    return None


@pytest.mark.parametrize(
    ("expected", "text", "entity"),
    [
        (
            (["in_transit"], "shipped"),
            "- Crates: label, status (packed, in_transit, shipped, lost)\n"
            "- a crate can be marked shipped or lost only while it's in transit",
            "Crate",
        ),
        (
            (["pending"], "paid"),
            "- Bills: amount, status (pending, paid, void)\n"
            "- A bill can only become paid from pending.",
            "Bill",
        ),
        (
            (["under_review"], "granted"),
            "- Permits: holder, status: filed, under review, granted, refused\n"
            "- A permit can only be granted or refused while it is under review.",
            "Permit",
        ),
        (
            (["dry"], "stored"),
            "- Pots: glaze, status: drying / dry / fired / stored\n"
            "- A pot can only go to stored when it is dry.",
            "Pot",
        ),
        (
            (["open"], "closed"),
            "- Tabs: total, status (open, closed, void)\n"
            "- Staff can close only when tab is open.",
            "Tab",
        ),
        (
            (["drafted"], "sent"),
            "- Letters: subject, status (drafted, sent, answered)\n"
            "- a letter can be sent only when drafted, and answered only when sent",
            "Letter",
        ),
        (
            (["new"], "withdrawn"),
            "- Bids: amount, status (new, won, lost, withdrawn)\n"
            "- A bidder can withdraw their bid but only while it's new.",
            "Bid",
        ),
        (
            (["planned"], "done"),
            "- Jobs: title, status (planned, done, dropped)\n"
            "- only a 'planned' job can become 'done' or 'dropped'",
            "Job",
        ),
    ],
)
def test_a_transition(expected: tuple[list[str], str], text: str, entity: str) -> None:
    assert _transition(text, entity) == expected


def test_words_naming_no_status_give_no_transition() -> None:
    text = (
        "- Bills: amount, status (pending, paid, void)\n- A bill can only go to the bank when due."
    )
    assert _transition(text, "Bill") is None


def test_froms_stop_at_a_word_that_ends_the_list() -> None:
    assert _froms("quoted, and") == ["quoted"]
    assert _froms("open, assigned or new") == ["open", "assigned", "new"]
