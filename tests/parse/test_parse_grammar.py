"""What the grammar of a clause gives: link nouns, "one X in a Y" links, possessives, roles and
permissions from who does what, tables read by their cells, and questions only for a real
ambiguity."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec, understand
from pipeline.spec import Operation, RelationKind
from tests.parse.helpers import entity_names

M2O, M2M = RelationKind.MANY_TO_ONE.value, RelationKind.MANY_TO_MANY.value


def _relations(text: str) -> set[tuple[str, str, str]]:
    spec = parse_spec(text)
    return {(r.kind.value, r.source, r.target) for r in spec.relations}


@pytest.mark.parametrize(
    ("text", "link", "ends"),
    [
        (
            "Adopters have a name. Animals have a species. An adoption links an adopter to an "
            "animal. Adoptions have a date.",
            "Adoption",
            {"Adopter", "Animal"},
        ),
        (
            "Rooms have a number. Guests have a name. We need the bookings of rooms by guests; "
            "a booking has a check in date.",
            "Booking",
            {"Room", "Guest"},
        ),
        (
            "Routes have a grade. Climbers have a name. An ascent is made by a climber on a route "
            "and has a date.",
            "Ascent",
            {"Climber", "Route"},
        ),
        (
            "Desks have a number. Members have an email. Each reservation is of one desk for one "
            "member at one date.",
            "Reservation",
            {"Desk", "Member"},
        ),
    ],
)
def test_a_noun_naming_a_link_is_an_entity_with_a_many_to_one_to_each_end(
    text: str, link: str, ends: set[str]
) -> None:
    relations = _relations(text)
    assert {(M2O, link, end) for end in ends} <= relations
    assert not any(kind == M2M for kind, _, _ in relations)


def test_the_two_ends_of_a_link_noun_are_not_linked_to_each_other() -> None:
    relations = _relations(
        "Routes have a grade. Climbers have a name. An ascent is made by a climber on a route."
    )
    assert not {(M2O, "Climber", "Route"), (M2O, "Route", "Climber")} & relations


def test_a_thing_between_two_of_the_same_kind_links_to_it() -> None:
    relations = _relations(
        "A person has a first name and a last name. A marriage is between two persons and has "
        "a wedding date."
    )
    assert (M2O, "Marriage", "Person") in relations


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        ("Teams have a name. Players have a name. A player plays for one team.", "Player", "Team"),
        (
            "Apiaries have a name. Hives have a code. Each hive is in an apiary.",
            "Hive",
            "Apiary",
        ),
        ("Boats have a name. Sailors have a rank. Sailors serve on a boat.", "Sailor", "Boat"),
    ],
)
def test_one_thing_in_another_belongs_to_it(text: str, child: str, parent: str) -> None:
    assert (M2O, child, parent) in _relations(text)


def test_a_users_things_belong_to_the_user() -> None:
    spec = parse_spec("A user's recipes are listed on their profile. Every recipe has a title.")
    assert spec.auth.value == "jwt"
    assert (M2O, "Recipe", "User") in {(r.kind.value, r.source, r.target) for r in spec.relations}


def test_a_two_word_field_ending_in_an_entity_is_a_named_link() -> None:
    spec = parse_spec(
        "Teams have a name and a city. Matches have a date, a home team and an away team."
    )
    links = {(r.source, r.target, r.name) for r in spec.relations}
    assert {("Match", "Team", "home_team"), ("Match", "Team", "away_team")} <= links
    assert not {"home_team", "away_team"} & {f.name for f in spec.entity("Match").fields}


@pytest.mark.parametrize(
    ("text", "role", "entity", "actions"),
    [
        (
            "Routes have a name and a grade. Route setters can add and remove routes.",
            "route_setter",
            "Route",
            [Operation.CREATE, Operation.DELETE],
        ),
        (
            "Jobs have an address and a date. Technicians have a phone. Only dispatchers create "
            "jobs; technicians see the jobs assigned to them.",
            "dispatcher",
            "Job",
            [Operation.CREATE],
        ),
        (
            "Rooms have a number and a price. Only the staff can to change the prices of rooms.",
            "staff",
            "Room",
            [Operation.UPDATE],
        ),
    ],
)
def test_who_does_what_gives_roles_and_permissions(
    text: str, role: str, entity: str, actions: list[Operation]
) -> None:
    spec = parse_spec(text)
    assert role in spec.roles
    assert spec.auth.value == "jwt"
    granted = [p for p in spec.permissions if p.entity == entity and role in p.roles]
    assert granted and set(actions) <= set(granted[0].actions)


def test_people_the_api_stores_are_no_role_without_sign_in() -> None:
    spec = parse_spec(
        "Members have a name and an email. Classes have a title. Members can book classes."
    )
    assert spec.auth.value == "none"
    assert spec.roles == []


def test_own_things_turn_sign_in_on() -> None:
    spec = parse_spec("Expenses have an amount and a date. Employees see only their own expenses.")
    assert spec.auth.value == "jwt"


def test_a_table_is_read_by_its_cells_when_the_header_names_nothing() -> None:
    spec = parse_spec(
        "| Thing | What it has |\n|---|---|\n| Route | name, grade, color |\n"
        "| Climber | name, email |\n"
    )
    assert {"Route", "Climber"} <= entity_names(spec)
    assert [f.name for f in spec.entity("Route").fields] == ["name", "grade", "color"]


def test_a_heading_above_entity_bullets_only_introduces_them() -> None:
    spec = parse_spec(
        "Aquarium tracker:\n- tanks (name, volume in liters)\n- fish (species, count)\n"
    )
    assert entity_names(spec) == {"Tank", "Fish"}


def test_a_field_named_once_like_a_thing_is_not_questioned() -> None:
    u = understand("Doctors have a name, a specialty and a room. Patients have a name.")
    assert not any("link to a Room" in q for q in u.questions)


def test_a_field_spoken_of_elsewhere_like_a_thing_is_questioned() -> None:
    u = understand(
        "Doctors have a name, a specialty and a room. Each room is on a floor. Patients have a "
        "name."
    )
    assert any("Doctor.room" in q for q in u.questions)


def test_a_thing_offered_with_its_details_is_an_entity() -> None:
    spec = parse_spec(
        "As a driver, I can offer a ride with a departure city, a destination city and a "
        "departure time."
    )
    assert "Ride" in entity_names(spec)
    assert {"departure_city", "destination_city", "departure_time"} <= {
        f.name for f in spec.entity("Ride").fields
    }


@pytest.mark.parametrize(
    ("text", "not_entity"),
    [
        ("Polls API: a poll has a question and a closing date.", "PollsApi"),
        (
            "Online courses - user stories\n\n* As an instructor, I can create a course with a "
            "title, a description and a price.",
            "UserStory",
        ),
        ("- orders: pickup date, price\n- status: received -> washing -> delivered", "Status"),
    ],
)
def test_words_about_the_app_the_issue_or_a_field_are_no_entities(
    text: str, not_entity: str
) -> None:
    assert not_entity not in entity_names(parse_spec(text))


def test_every_thing_after_their_own_is_owned() -> None:
    spec = parse_spec(
        "Threads have a title. Posts have a body and belong to a thread. Users log in; users "
        "only edit their own threads and posts."
    )
    assert spec.entity("Thread").owner and spec.entity("Post").owner


def test_a_verb_joined_to_has_keeps_its_subject() -> None:
    assert (M2O, "Thread", "Category") in _relations(
        "Categories have a name. Threads have a title and live in a category."
    )


def test_which_thing_in_a_field_list_is_a_link() -> None:
    assert (M2O, "Reservation", "Car") in _relations(
        "Cars have a plate. Reservations: guest name, party size, which car, special requests."
    )


def test_a_thing_described_after_a_colon_is_an_entity_linked_to_its_object() -> None:
    spec = parse_spec(
        "Children have a name. As a caregiver I want to write a report for a child: the date, "
        "the nap minutes and the mood."
    )
    assert {"date", "nap_minutes", "mood"} <= {f.name for f in spec.entity("Report").fields}
    assert ("Report", "Child") in {(r.source, r.target) for r in spec.relations}


def test_who_does_what_without_only_or_can_is_a_role_not_a_permission() -> None:
    spec = parse_spec(
        "Expenses have an amount. Only managers can delete expenses. Employees submit expenses "
        "and managers approve expenses."
    )
    assert {"manager", "employee"} <= set(spec.roles)
    granted = [p for p in spec.permissions if p.entity == "Expense"]
    assert [sorted(a.value for a in p.actions) for p in granted] == [["delete"]]


def test_a_link_verb_read_as_a_noun_still_links() -> None:
    relations = _relations(
        "Books have a title. Pupils have a name. A loan links a pupil to a book. Loans have a due "
        "date."
    )
    assert {(M2O, "Loan", "Pupil"), (M2O, "Loan", "Book")} <= relations


def test_an_owner_is_named_for_the_role_that_speaks_of_its_own_things() -> None:
    spec = parse_spec(
        "Books have a title. Loans have a due date. Librarians manage books; readers can only "
        "see their own loans. Roles: librarian, reader."
    )
    assert spec.entity("Loan").owner == "reader"


@pytest.mark.parametrize(
    "text",
    [
        "There is cars: brand, model, year, plate number.",
        "I catalog my garage. For every car: brand, model, year and plate number.",
        "**Cars** - brand, model (e.g. Corolla), year, plate number, needs service (yes/no)",
    ],
)
def test_a_labelled_field_list_is_read_whatever_leads_in(text: str) -> None:
    spec = parse_spec(text)
    assert {"brand", "model", "year", "plate_number"} <= {f.name for f in spec.entity("Car").fields}


def test_several_photos_with_their_own_fields_are_an_entity() -> None:
    spec = parse_spec(
        "Stories have a headline. Each story can have several photos with a caption and a credit."
    )
    assert {f.name for f in spec.entity("Photo").fields} == {"caption", "credit"}
    assert ("Photo", "Story") in {(r.source, r.target) for r in spec.relations}
