"""Link nouns: a thing that names the tie between two others belongs to each of them."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import entity_names, relations

M2O, M2M = "many_to_one", "many_to_many"


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # "one X per A per B": X is its own thing, belonging to A and to B
            "Climbers: name, grade. Walls: name, height. Climbers reserve walls, one slot per "
            "climber per wall.",
            {(M2O, "Slot", "Climber"), (M2O, "Slot", "Wall")},
            {(M2O, "Climber", "Wall")},
        ),
        (  # a noun that names a feature elsewhere still names the counted thing here
            "Runners have a name and a club. Races have a name and a date. Runners enter races, "
            "one registration per runner per race.",
            {(M2O, "Registration", "Runner"), (M2O, "Registration", "Race")},
            {(M2O, "Runner", "Race")},
        ),
        (  # the thing is the label, "one per ..." its count; a person is the signed-in User
            "Users log in. Quizzes: title, topic. Attempts: one per user per quiz, with a score.",
            {(M2O, "Attempt", "User"), (M2O, "Attempt", "Quiz")},
            set(),
        ),
        (  # a link verb with two objects joined by "and"
            "Kids have a name. Holiday weeks have a theme. A signup connects one kid and one "
            "holiday week and has a status.",
            {(M2O, "Signup", "Kid"), (M2O, "Signup", "HolidayWeek")},
            set(),
        ),
    ],
)
def test_link_noun(
    text: str, expected: set[tuple[str, str, str]], absent: set[tuple[str, str, str]]
) -> None:
    got = relations(parse_spec(text))
    assert expected <= got
    assert not absent & got


def test_per_alone_names_no_entity() -> None:
    spec = parse_spec(
        "Drivers: name, phone. Cars: plate, model. Drivers book cars, one booking per driver "
        "per car."
    )
    assert "PerDriver" not in entity_names(spec)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "X = a + b" inside an aside: the parts that are entities are links
            "Magazines: title, publisher. Readers: name, email. A reader follows a magazine "
            "(a follow = reader + magazine + start date).",
            {(M2O, "Follow", "Reader"), (M2O, "Follow", "Magazine")},
        ),
        (  # "X is just a + b", a role being the signed-in User
            "Voters log in. Proposals: title, text. A ballot is just voter + proposal.",
            {(M2O, "Ballot", "User"), (M2O, "Ballot", "Proposal")},
        ),
        (  # "sign-ups" is a noun, whatever "sign up" is
            "Hikers: first name, last name. Trips: title, date. Sign-ups: hiker + trip; paid "
            "(yes/no).",
            {(M2O, "Signup", "Hiker"), (M2O, "Signup", "Trip")},
        ),
    ],
)
def test_composed_link_noun(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= relations(parse_spec(text))


def test_a_sum_of_values_is_no_thing() -> None:
    spec = parse_spec("Invoices have a net amount and a tax. The total is net amount + tax.")
    assert entity_names(spec) == {"Invoice"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a label before the colon is not the sentence's subject
            "Clubs have a name. Riders have a name and a licence. Membership: a rider is in "
            "exactly one club.",
            {(M2O, "Rider", "Club")},
        ),
        (  # the second clause's own subject, not the first one's
            "Plumbers log in. Jobs: address, problem. Plumbers log in and every job is assigned to "
            "one plumber.",
            {(M2O, "Job", "User")},
        ),
        (  # a thing handled by one person of a role belongs to that User
            "Nurses log in. Wards: name, floor. Each ward is run by a nurse.",
            {(M2O, "Ward", "User")},
        ),
        (  # the label is the thing when the sentence's subject is people
            "Citizens log in. Reports: title, text. Notes: citizens can add a note on a report.",
            {(M2O, "Note", "Report")},
        ),
    ],
)
def test_one_in_one(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= relations(parse_spec(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # parts with a range after them ("score 0-100"), the thing in the plural
            "quiz api - exams (title, subject), sittings = user + exam + points 0-50. users log in",
            {(M2O, "Sitting", "User"), (M2O, "Sitting", "Exam")},
        ),
        (  # the verb names the link noun itself, when all three are things already
            "Boats: name, length. Sailors: name, phone. Charters: start date, price. A sailor "
            "charters a boat for a week.",
            {(M2O, "Charter", "Sailor"), (M2O, "Charter", "Boat")},
        ),
    ],
)
def test_more_link_nouns(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= relations(parse_spec(text))


def test_a_verb_named_like_an_entity_makes_no_new_ends() -> None:
    spec = parse_spec(
        "Neighbours report issues in the street. A report has a title, a photo and a status "
        "(open, fixed)."
    )
    assert "Issue" not in entity_names(spec)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the act of "inspect" is an inspection
            "Engines have a serial. Inspections have a date and notes. When we inspect an engine "
            "we note the date.",
            {(M2O, "Inspection", "Engine")},
        ),
        (  # a thing made from another belongs to it
            "Doughs have a name. Loaves have a weight and a date. Each morning we bake a loaf "
            "from a dough.",
            {(M2O, "Loaf", "Dough")},
        ),
        (  # a table's note with no subject is about its row's thing
            "| Entity | Fields | Notes |\n|---|---|---|\n| Album | title, year | belongs to a "
            "band |\n| Band | name | |\n| Fan | name, email | many-to-many with bands |",
            {(M2O, "Album", "Band"), (M2M, "Fan", "Band")},
        ),
    ],
)
def test_links_by_verbs_and_notes(text: str, expected: set[tuple[str, str, str]]) -> None:
    got = relations(parse_spec(text))
    assert all(r in got or (r[0] == M2M and (r[0], r[2], r[1]) in got) for r in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a tagger's adjective "favorite" is still the verb
            "Members log in. A song has a title and a length. Members can rate and favorite songs.",
            (M2M, "User", "Song"),
        ),
        (  # beside an owner link from "users' boards"
            "Users log in. Boards: name, description. Users can follow other users' boards.",
            (M2M, "User", "Board"),
        ),
    ],
)
def test_kept_things_are_many_to_many_with_user(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(parse_spec(text))


def test_keeping_needs_a_person_as_subject() -> None:
    spec = parse_spec("Users log in. Shops have a name. Shops follow suppliers (name, phone).")
    assert not {r for r in relations(spec) if r[0] == M2M and "User" in r}


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # a number as the count, and no "member per class" link
            "Members log in. Rooms: name, seats. Max 1 desk per member per room.",
            {(M2O, "Desk", "User"), (M2O, "Desk", "Room")},
            {(M2O, "User", "Room")},
        ),
        (  # the act's own entity takes the ends, not the object
            "Kids have a name and an age. Camps have a name and a price. Enrollments have a "
            "date. Parents log in. As a parent I want to enroll a kid in a camp.",
            {(M2O, "Enrollment", "Kid"), (M2O, "Enrollment", "Camp")},
            {(M2O, "Kid", "Camp")},
        ),
    ],
)
def test_counts_and_acts(
    text: str, expected: set[tuple[str, str, str]], absent: set[tuple[str, str, str]]
) -> None:
    got = relations(parse_spec(text))
    assert expected <= got
    assert not absent & got
