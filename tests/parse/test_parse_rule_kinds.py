"""Business rules and roles said in everyday words (issue 10): each kind of phrasing, in short
texts of our own."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.nlp import analyse
from pipeline.parse.signin import signing_roles
from tests.parse.helpers import permissions


def _rules(text: str) -> set[tuple[str, str]]:
    return {(r.kind.value, r.entity) for r in parse_spec(text).rules}


@pytest.mark.parametrize(
    "sentence",
    [
        "Finished jobs should be kept, not deleted.",
        "Please don't delete old jobs, just hide them.",
        "Jobs are kept for the auditors - archive, don't delete.",
        "Jobs are not deleted, only cancelled.",
        "Closed jobs are flagged, never removed.",
        "A job can be archived.",
        "Jobs end after a season, so a job should be archived.",
    ],
)
def test_rows_kept_instead_of_deleted_are_soft_deleted(sentence: str) -> None:
    assert ("soft_delete", "Job") in _rules(f"Jobs have a title and a due date. {sentence}")


def test_a_deletion_without_keeping_is_no_soft_delete() -> None:
    text = "Jobs have a title. Planners can delete jobs, but not remove clients. Clients: name."
    assert ("soft_delete", "Job") not in _rules(text)


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        # a tagger reads "dispatcher" as an adjective and "harbour" as a verb here
        ("mechanics and the dispatcher log in", ["mechanic", "dispatcher"]),
        ("harbour master and office clerk log in", ["harbour_master", "office_clerk"]),
        # a pronoun stands for the person the sentence named before
        ("The yard operator is entering the loads, he need login.", ["operator"]),
    ],
)
def test_who_signs_in(sentence: str, roles: list[str]) -> None:
    assert [r for r, _ in signing_roles(analyse(sentence))] == roles


def test_staff_of_a_place_is_the_staff_role() -> None:
    spec = parse_spec("Kennels have a name. Kennel staff log in. Only kennel staff can add dogs.")
    assert "staff" in spec.roles


def _perms(text: str) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return permissions(parse_spec(text))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Only she (the admin) can add or change kayaks.",
            ("Kayak", ("create", "update"), ("admin",)),
        ),
        (
            "Only me (the warden role) can change kayaks or delete one.",
            ("Kayak", ("update", "delete"), ("warden",)),
        ),
        (
            "Only the instructors (Ana and Tom) can remove kayaks.",
            ("Kayak", ("delete",), ("instructor",)),
        ),
        ("Only the treasurer creates kayaks.", ("Kayak", ("create",), ("treasurer",))),
        (
            "The harbour master is the only one allowed to delete kayaks.",
            ("Kayak", ("delete",), ("harbour_master",)),
        ),
        (
            "Wardens see everything and are the only ones who can add or remove kayaks.",
            ("Kayak", ("create", "delete"), ("warden",)),
        ),
        (
            "As a warden I want to be the only one who creates and deletes kayaks.",
            ("Kayak", ("create", "delete"), ("warden",)),
        ),
    ],
)
def test_who_alone_may_change_rows(
    sentence: str, expected: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> None:
    entity, actions, roles = expected
    found = _perms(f"Kayaks have a name and a length. {sentence}")
    assert any(e == entity and a == actions and roles[0] in r for e, a, r in found), found


def test_only_a_role_that_changes_no_entity_grants_nothing() -> None:
    assert _perms("Kayaks have a name and a price. Only the manager changes prices.") == set()


def test_an_act_reserved_to_a_group_names_that_group_a_role() -> None:
    spec = parse_spec("Regattas have a name and a date. Only the jury creates regattas.")
    assert "jury" in spec.roles
    assert ("Regatta", ("create",), ("jury",)) in {(e, a, r[-1:]) for e, a, r in permissions(spec)}


def _uniques(text: str) -> set[tuple[str, tuple[str, ...]]]:
    return {
        (r.entity, tuple(sorted(f.removesuffix("_id") for f in r.fields)))
        for r in parse_spec(text).rules
        if r.kind.value == "unique"
    }


_CLUB = (
    "Rowers have a name. Boats have a name. Training weeks have a start date. "
    "Outings have a date and a crew size; an outing is one rower in one boat. "
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # several ends, one of them two words long (a link to TrainingWeek)
        ("One outing per rower per boat per training week.", ("rower", "boat", "training_week")),
        # "every X has one Y per Z": X is an end too
        ("Every rower has one outing per boat at most.", ("rower", "boat")),
    ],
)
def test_one_row_per_ends(sentence: str, expected: tuple[str, ...]) -> None:
    found = _uniques(_CLUB + sentence)
    assert any(set(fields) == set(expected) for _, fields in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "A boat can only be taken out once per date by a rower.",
        "A rower can be in a boat only once.",
        "A rower can't be booked twice in the same boat.",
    ],
)
def test_once_or_twice_makes_the_linking_row_unique(sentence: str) -> None:
    found = _uniques(_CLUB + sentence)
    assert any(e == "Outing" and {"rower", "boat"} <= set(f) for e, f in found), found


def test_an_end_names_the_field_that_starts_with_it() -> None:
    text = (
        "Rowers have a name. Logbooks have a week start and a distance; a logbook belongs to a "
        "rower. One logbook per rower per week."
    )
    assert ("Logbook", ("rower", "week_start")) in _uniques(text)


def test_the_maker_of_a_row_alone_changing_it_is_ownership() -> None:
    spec = parse_spec(
        "Courses have a title and a price. Instructors create courses. "
        "Only the instructor of a course can edit it."
    )
    assert spec.entity("Course").owner


def test_only_ones_said_of_no_one_is_no_role() -> None:
    spec = parse_spec("Kayaks have a name. This is the only one that can delete kayaks.")
    assert spec.roles == []
