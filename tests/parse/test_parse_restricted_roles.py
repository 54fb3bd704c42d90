"""Who may do and see what (issue 10): a restriction to one role names exactly that role, and a
sentence that hides something from someone is listed as not built. Short texts of our own, in
several domains; the expected answer is written first in each."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec, understand
from pipeline.parse.account import SentenceStatus


@pytest.mark.parametrize(
    ("text", "entity", "role"),
    [
        (
            "Bell-ringing rota API. Ringers log in and mark whether they can ring at each service."
            " A service has a date. Only the tower captain can create services.",
            "Service",
            "tower_captain",
        ),
        (
            "Drivers sign in and see their routes. Routes have a name and a date. Only the"
            " dispatcher can delete routes.",
            "Route",
            "dispatcher",
        ),
        (
            "Volunteers log in to pick shifts. Shifts have a start and an end. Only the"
            " coordinator may add shifts.",
            "Shift",
            "coordinator",
        ),
        (
            "Climbers log in and tick routes. Boulders have a grade and a colour. Only the head"
            " setter can create boulders.",
            "Boulder",
            "head_setter",
        ),
        (
            "Members sign in to borrow tools. Tools have a name and a condition. Only the"
            " warden is allowed to remove tools.",
            "Tool",
            "warden",
        ),
    ],
)
def test_a_one_role_restriction_grants_exactly_that_role(text: str, entity: str, role: str) -> None:
    spec = parse_spec(text)
    granted = [p.roles for p in spec.permissions if p.entity == entity]
    assert granted == [[role]]
    assert spec.roles[0] == role  # the restricted role ranks first, not the people who log in


def test_an_admin_keeps_every_permission_beside_the_role_named() -> None:
    spec = parse_spec(
        "Admins manage everything. Rooms have a name. Only the caretaker can delete rooms."
    )
    assert [p.roles for p in spec.permissions if p.entity == "Room"] == [["admin", "caretaker"]]


def _status(text: str, sentence: str) -> tuple[SentenceStatus, str]:
    account = next(s for s in understand(text).sentences if s.text == sentence)
    return account.status, account.reason


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        (
            "Ringers have a name. Services have a date. ",
            "Other ringers should not see who said no.",
        ),
        ("Patients have a name. Visits have notes. ", "Patients must not see the notes of others."),
        ("Accounts have a balance. ", "Only the treasurer can see the balance."),
        ("Students have a name and a grade. ", "Students cannot view the grades of classmates."),
        ("Employees have a salary. ", "The salary is not visible to other employees."),
        ("Players have a name and injury notes. ", "Nobody except the coach sees injury notes."),
        ("Polls have a question. Votes have a choice. ", "Voters should never know who won early."),
    ],
)
def test_a_sentence_that_hides_something_from_someone_is_not_built(
    prefix: str, sentence: str
) -> None:
    status, reason = _status(prefix + sentence, sentence)
    assert status is SentenceStatus.NOT_BUILT
    assert "who may see what" in reason


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        # built: the rows are the owner's, or a read permission
        (
            "Customers only see their own orders. Orders have a total.",
            "Customers only see their own orders.",
        ),
        ("Only admins can view reports. Reports have a title.", "Only admins can view reports."),
        # nothing hidden from anyone
        ("Customers can see their orders. Orders have a total.", "Customers can see their orders."),
        ("Anyone can see the menu. Dishes have a name.", "Anyone can see the menu."),
        (
            "Orders have a total. We don't see the point of invoices.",
            "We don't see the point of invoices.",
        ),
    ],
)
def test_seeing_that_is_built_or_unrestricted_is_not_listed_as_not_built(
    text: str, sentence: str
) -> None:
    status, _ = _status(text, sentence)
    assert status is not SentenceStatus.NOT_BUILT


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        # the role after the verb: "by <role>"
        (
            ("Song", "band_leader"),
            "Songs have a title. Songs can be added only by the band leader.",
        ),
        (("Tool", "warden"), "Tools have a name. Tools may only be removed by the warden."),
        (
            ("Invoice", "accountant"),
            "Invoices have a number. Invoices are deleted only by accountants.",
        ),
        # the role restricted in an aside
        (("Tour", "guide"), "Tours have a name. Guides (and only guides) can create tours."),
        # the thing named by a pronoun
        (
            ("Inquiry", "agent"),
            "Inquiries have a message. Inquiries are not public, only agents can see them.",
        ),
        (
            ("Post", "moderator"),
            "Posts have a title. Members write posts and only moderators can delete them.",
        ),
        (
            ("Report", "auditor"),
            "Reports have a title. Reports are private: only auditors may read them.",
        ),
    ],
)
def test_a_restriction_said_after_the_verb_or_through_a_pronoun_is_a_permission(
    expected: tuple[str, str], text: str
) -> None:
    spec = parse_spec(text)
    assert expected in {(p.entity, r) for p in spec.permissions for r in p.roles}


@pytest.mark.parametrize(
    "text",
    [
        # the owner of a row, not a role
        "Episodes have a title. Episodes are public, only their creator can edit them.",
        "Posts have a title. Authors sign up; only the author of a post can edit or delete it.",
        "Lots have a price. Only the seller who created a lot can edit it.",
        "Visits have a date. The apprentices can only see the visits they did themselves.",
        "Entries have hours. Everyone logs in; each person only sees their own entries.",
    ],
)
def test_a_restriction_to_the_owner_of_a_row_is_no_role_permission(text: str) -> None:
    assert parse_spec(text).permissions == []
