"""A field item that names a signed-in person by role in more words than the role ("assignee
(a student)", "booked by member", "assigned plumber", "the accountant responsible") is a link
to User, not a text field. Short texts of our own, the rule expected written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.relations import person
from pipeline.parse.roleitems import role_item


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Chores: title, assignee (a child), due date. Children and parents log in.", "Chore"),
        ("Court slots: court, starts at, booked by member. Members log in.", "CourtSlot"),
        ("Repairs: bike, assigned mechanic, notes. Mechanics log in.", "Repair"),
        ("Audits: year, status, the auditor responsible. Auditors log in.", "Audit"),
        ("Errands: title, assigned to a runner. Runners log in.", "Errand"),
    ],
)
def test_an_item_naming_a_role_is_a_link_to_user(text: str, entity: str) -> None:
    spec = parse_spec(text)
    links = [(r.source, r.target) for r in spec.relations]
    assert (entity, "User") in links, links
    fields = {f.name for f in spec.entity(entity).fields}
    assert not any(w in name for name in fields for w in ("assign", "booked", "responsible"))


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("assignee (a child)", ("assignee", "child")),
        ("booked by member", ("member", "member")),
        ("assigned mechanic", ("mechanic", "mechanic")),
        ("the auditor in charge", ("auditor", "auditor")),
        ("weight (a number)", None),  # no role in the bracket
        ("assigned room", None),  # no role at all
        ("paid by card", None),
    ],
)
def test_role_item(item: str, expected: tuple[str, str] | None) -> None:
    people = {"child", "member", "mechanic", "auditor"}
    assert role_item(item, people, person) == expected
