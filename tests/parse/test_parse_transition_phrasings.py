"""Status transitions said in more ways (issue 10): "can only go to X from Y", "can only be
marked X after it was Y", "once its Y", a verb's form of a status ("opened" for open), an arrow
"Y -> X", an act allowed "only while it is Y", and "only Y things can be X". Short texts of our own, the transition expected written first.
"""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


def _transition(text: str, entity: str) -> tuple[list[str], str] | None:
    spec = parse_spec(text)
    for r in spec.rules:
        if r.kind.value == "transition" and r.entity == entity:
            return r.from_values, r.to
    return None


@pytest.mark.parametrize(
    ("expected", "text", "entity"),
    [
        (
            (["ready"], "collected"),
            "Build a laundry API. Bags have a label and a status (new, washing, ready,"
            " collected). A bag can only go to collected from ready.",
            "Bag",
        ),
        (
            (["approved"], "paid"),
            "Build an expenses API. Claims have an amount and a status (draft, approved, paid)."
            " A claim can only move to paid from approved.",
            "Claim",
        ),
        (
            (["reserved"], "used"),
            "Build a lab API. Kits have a code and a status (available, reserved, used). A kit"
            " can only be marked used after it was reserved.",
            "Kit",
        ),
        (
            (["solved"], "closed"),
            "Build a helpdesk API. Issues have a subject and a status (open, solved, closed). An"
            " issue can only be closed once its solved.",
            "Issue",
        ),
        (
            (["draft"], "open"),
            "Build an auction API. Lots have a title and a status (draft, open, sold). A lot can"
            " only be opened from draft.",
            "Lot",
        ),
        (
            (["submitted"], "accepted"),
            "Build a conference API. Papers have a title and a status (submitted, accepted,"
            " rejected). Paper status: submitted -> accepted / rejected.",
            "Paper",
        ),
        (
            (["draft"], "sent"),
            "Build an invoice API. Invoices have a number and a status (draft, sent, paid). The"
            " status goes draft → sent → paid.",
            "Invoice",
        ),
        (
            (["pending"], "approved"),
            "Build a permits API. Permits have a site and a status (pending, approved, refused)."
            " Only inspectors can approve or refuse a permit, and only while it is pending.",
            "Permit",
        ),
        (
            (["booked"], "cancelled"),
            "Build a salon API. Visits have a date and a status (booked, cancelled, done). A"
            " visit can be cancelled only while it is booked.",
            "Visit",
        ),
        (
            (["open", "paused"], "closed"),
            "Build a survey API with login. Surveys have a title and a status (open, paused,"
            " closed). As an owner, I can close a survey only as long as it is open or paused.",
            "Survey",
        ),
        (
            (["sent"], "accepted"),
            "Build a quote API. Offers have an amount and a status (draft, sent, accepted,"
            " declined). Only sent offers can be accepted or declined.",
            "Offer",
        ),
    ],
)
def test_a_transition_said_this_way_is_a_transition_rule(
    expected: tuple[list[str], str], text: str, entity: str
) -> None:
    assert _transition(text, entity) == expected


def test_an_arrow_between_words_that_are_no_statuses_is_no_transition() -> None:
    text = (
        "Build an invoice API. Invoices have a number and a status (draft, sent, paid). Flow:"
        " customer -> invoice."
    )
    assert _transition(text, "Invoice") is None
