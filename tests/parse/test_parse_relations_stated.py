"""Relations stated in the less plain places of an issue text: an aside in brackets, a second
clause with a subject of its own. Each kind in several phrasings and domains; the expected
answers were written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import relations

M2O, M2M = "many_to_one", "many_to_many"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (  # both sides "many", inside a bracket after a field list
            "Wines: name, region.\nCrates: shipped on, tracking number, and which wines were in "
            "the crate (a crate has several wines, a wine goes out in many crates).",
            {"Wine", "Crate"},
        ),
        (
            "Cheeses: name, milk.\nBoxes: packed on, tracking number, and which cheeses were in "
            "the box (a box has several cheeses, a cheese goes out in many boxes).",
            {"Cheese", "Box"},
        ),
        (  # an aside in the middle of the sentence that states the "many"
            "Photos: title, caption. Members pin photos to their own boards (a board is a name "
            "+ a colour), and a photo can be on many boards.",
            {"Photo", "Board"},
        ),
        (
            "Pictures: title, caption. People organize pictures into their own galleries (a "
            "gallery is a name + a description), and a picture can be in many galleries.",
            {"Picture", "Gallery"},
        ),
        (
            "Images: title, caption. Users collect images into their own albums (an album is a "
            "title + a description), and an image can be in many albums.",
            {"Image", "Album"},
        ),
    ],
)
def test_many_on_both_sides_beside_an_aside_is_many_to_many(text: str, pair: set[str]) -> None:
    got = relations(parse_spec(text))
    assert any(k == M2M and {s, t} == pair for k, s, t in got), got
    assert not any(k == M2O and {s, t} == pair for k, s, t in got), got


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        (
            "Batches have a date. Each batch produces bottles with a serial code and a fill level.",
            "Bottle",
            "Batch",
        ),
        (
            "Scans have a date and a device. Every scan generates alerts with a level and a message.",
            "Alert",
            "Scan",
        ),
        (
            "Meetings have a topic. Each meeting creates action items with an owner name and a due "
            "date.",
            "ActionItem",
            "Meeting",
        ),
    ],
)
def test_what_each_thing_produces_belongs_to_it(text: str, child: str, parent: str) -> None:
    assert (M2O, child, parent) in relations(parse_spec(text))


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        (  # the parser joins "sit" to the last noun of the list, not to "have"
            "Boards have a name. Lists have a title. Tickets have a title (max 80 chars), a "
            "body, a due date and a rank, and sit in a list.",
            "Ticket",
            "List",
        ),
        (
            "Sprints have a name. Stories have a title (1-120 chars), a description, a points "
            "estimate and a rank, and live in a sprint.",
            "Story",
            "Sprint",
        ),
    ],
)
def test_a_verb_after_a_field_list_keeps_the_lists_subject(
    text: str, child: str, parent: str
) -> None:
    assert (M2O, child, parent) in relations(parse_spec(text))


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        (
            "**Tours**: name, price.\n**Departures**: every tour has a few departures: date, seats "
            "left.",
            "Departure",
            "Tour",
        ),
        (
            "**Albums**: title, year.\n**Photos**: every album holds a few photos: caption, taken "
            "on.",
            "Photo",
            "Album",
        ),
        (
            "**Routes**: name, length.\n**Stops**: every route has a few stops: name, position.",
            "Stop",
            "Route",
        ),
    ],
)
def test_a_few_of_a_thing_are_many(text: str, child: str, parent: str) -> None:
    assert (M2O, child, parent) in relations(parse_spec(text))


@pytest.mark.parametrize(
    ("text", "link"),
    [
        (
            "Hikes have a date and a distance. Hikers have a name. Each hike has a guide, who "
            "is a hiker.",
            ("Hike", "Hiker", "guide"),
        ),
        (
            "Boats: name, length. Outings: date, the skipper, who is a member. Members: name.",
            ("Outing", "Member", "skipper"),
        ),
        (
            "Chess clubs. Players: name, rating. Games: date, opening, the winner, which is a "
            "player, and a result.",
            ("Game", "Player", "winner"),
        ),
        (
            "Members: name, email. Pairings: table number, partner (both members), score.",
            ("Pairing", "Member", "partner"),
        ),
        (
            "Dogs: name, breed. Litters: born on, the sire (also a dog), the dam (also a dog).",
            ("Litter", "Dog", "sire"),
        ),
    ],
)
def test_a_field_that_says_which_entity_it_is_is_a_named_link(
    text: str, link: tuple[str, str, str]
) -> None:
    source, target, name = link
    spec = parse_spec(text)
    assert any(
        (r.source, r.target, r.name) == (source, target, name) for r in spec.relations
    ), spec.relations
    assert name not in {f.name for f in spec.entity(source).fields}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Parcels have a weight. Donors have a name and email. We link parcels to the donor "
            "who sent them.",
            {(M2O, "Parcel", "Donor")},
        ),
        (
            "Claims have a number. Policies have a holder name. As a clerk, I want to link each "
            "claim to one policy.",
            {(M2O, "Claim", "Policy")},
        ),
        (
            "Matters have a title. Clients have a name. Attorneys have a name. I link each matter "
            "to one client and assign it to one attorney.",
            {(M2O, "Matter", "Client"), (M2O, "Matter", "Attorney")},
        ),
        (  # a person assigned to a thing is the thing's
            "Articles have a title. Editors have a name. A section manager assigns an editor to "
            "the article.",
            {(M2O, "Article", "Editor")},
        ),
        (
            "Jobs have an address. Crews have a name. The planner assigns each job to a crew.",
            {(M2O, "Job", "Crew")},
        ),
    ],
)
def test_a_person_links_one_thing_to_another(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    got = relations(parse_spec(text))
    assert expected <= got
    assert not any(k == M2O and s == "User" for k, s, _ in got), got


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        (
            "Students: name. Marks: value, date. The tutors give marks to students.",
            "Mark",
            "Student",
        ),
        (
            "Students: name. Grades: value, date. Teachers give grades to students.",
            "Grade",
            "Student",
        ),
    ],
)
def test_a_thing_given_to_another_belongs_to_it(text: str, child: str, parent: str) -> None:
    assert (M2O, child, parent) in relations(parse_spec(text))


@pytest.mark.parametrize(
    ("text", "child", "parent", "field"),
    [
        (
            "Playlists: name. Tracks: title, position in the playlist.",
            "Track",
            "Playlist",
            "position",
        ),
        (
            "Warehouses: name. Products: name, stock in the warehouse, price in euros.",
            "Product",
            "Warehouse",
            "stock",
        ),
        ("Albums: title. Photos: caption, order in the album.", "Photo", "Album", "order"),
    ],
)
def test_a_field_in_a_named_entity_is_the_field_and_a_link(
    text: str, child: str, parent: str, field: str
) -> None:
    spec = parse_spec(text)
    assert (M2O, child, parent) in relations(spec)
    assert field in {f.name for f in spec.entity(child).fields}


def test_a_field_in_a_unit_is_no_link() -> None:
    spec = parse_spec("Products: name, price in euros, weight in grams.")
    assert relations(spec) == set()
