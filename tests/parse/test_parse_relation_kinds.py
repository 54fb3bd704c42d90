"""Kinds of relations people state in issue texts, each in several phrasings and domains: who
makes a row, a thing in many of another, one holding many, an answer per person and thing, and
a thing named by a word that can also name the app. Expected answers were written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import entity_names, field_types, relations

M2O, M2M = "many_to_one", "many_to_many"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a verb under a label, any making verb: the sighting is the member's
            "Mushroom club. Members sign up and log in. **Species**: name, edible (yes/no). "
            "**Sightings**: a member reports a sighting of a species with a date and a comment.",
            {(M2O, "Sighting", "User"), (M2O, "Sighting", "Species")},
        ),
        (  # a user story: "I" is the persona of "As a student"
            "Courses have a title and a level. Students sign up.\n"
            "* As a student, I can leave one review per course, with a rating from 1 to 5.",
            {(M2O, "Review", "User"), (M2O, "Review", "Course")},
        ),
        (  # "people" is whoever signs in; the verb is joined to "sign up"
            "Restaurants have a name and an address. People sign up and write reviews of "
            "restaurants; a review has stars and a text.",
            {(M2O, "Review", "User"), (M2O, "Review", "Restaurant")},
        ),
        (  # labelled item, plural object
            "Stamp collectors' site. Members sign up and log in.\n"
            "**Albums**: a member creates albums (name, description).\n"
            "**Stamps**: each stamp sits in one album: country, year, face value.",
            {(M2O, "Album", "User"), (M2O, "Stamp", "Album")},
        ),
        (  # "submit" in a longer sentence with a possessive object
            "Film festival backend. Films have a title and a runtime in minutes. Filmmakers "
            "create an account and submit their films; they only see their own films.",
            {(M2O, "Film", "User")},
        ),
        (  # "post" with two objects joined by "and"
            "Neighbourhood board. Residents sign up. Residents post offers and requests; an "
            "offer has a title and a text, a request has a title and a deadline.",
            {(M2O, "Offer", "User"), (M2O, "Request", "User")},
        ),
    ],
)
def test_a_person_who_makes_a_row_owns_it(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= relations(parse_spec(text))


@pytest.mark.parametrize(
    "text",
    [
        # staff acts are permissions, not ownership
        "Gyms have a name. Classes have a title and a time. Instructors create classes.",
        # guests who never sign in make nothing of their own
        "Hostel API. Beds have a number. Guests make a reservation of one bed: arrival date, "
        "departure date. Only the receptionist logs in.",
    ],
)
def test_staff_or_guests_making_rows_own_nothing(text: str) -> None:
    got = relations(parse_spec(text))
    assert not {t for k, s, t in got if t == "User"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Musicians have a name and an instrument. Concerts have a title and a date. "
            "Musicians can play in many concerts.",
            (M2M, {"Musician", "Concert"}),
        ),
        (
            "Drivers have a name and a licence number. Companies have a name and a city. A "
            "driver can work for several companies.",
            (M2M, {"Driver", "Company"}),
        ),
        (
            "Recipes have a title. Cookbooks have a title and an author. A recipe can appear "
            "in several cookbooks.",
            (M2M, {"Recipe", "Cookbook"}),
        ),
        (
            "Volunteers have a name and a phone. Projects have a title. Each volunteer takes "
            "part in multiple projects.",
            (M2M, {"Volunteer", "Project"}),
        ),
        (
            "Samples have a barcode. Experiments have a name and a protocol. A sample can be "
            "used in many experiments.",
            (M2M, {"Sample", "Experiment"}),
        ),
    ],
)
def test_a_thing_in_many_of_another_is_many_to_many(
    text: str, expected: tuple[str, set[str]]
) -> None:
    kind, ends = expected
    got = relations(parse_spec(text))
    assert any(k == kind and {s, t} == ends for k, s, t in got), got
    assert not any(k == M2O and {s, t} == ends for k, s, t in got), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Employees have a name. Tasks have a title and a due date. An employee has many "
            "tasks over time.",
            (M2O, "Task", "Employee"),
        ),
        (  # the verb is joined to another whose subject it shares; "customer" is no holder
            "Orders have a pickup date. Pieces have a width and a height. An order is from one "
            "customer and can have many pieces.",
            (M2O, "Piece", "Order"),
        ),
        (
            "Pages have a title and a slug. Revisions have a text and a summary. A page has "
            "many revisions.",
            (M2O, "Revision", "Page"),
        ),
        (
            "Hives have a name and a location. Inspections have a date and notes. Each hive can "
            "have one or more inspections.",
            (M2O, "Inspection", "Hive"),
        ),
        (  # many both ways: "lots of" on the other side
            "Jobs have a date and an address. Vans have a registration. A job can have several "
            "vans and a van obviously does lots of jobs.",
            (M2M, "Van", "Job"),
        ),
        (  # many both ways: used "many times"
            "Rehearsals have a date. Pieces have a title and a composer. A rehearsal has "
            "several pieces, a piece is rehearsed many times.",
            (M2M, "Piece", "Rehearsal"),
        ),
    ],
)
def test_one_holding_many(text: str, expected: tuple[str, str, str]) -> None:
    kind, source, target = expected
    got = relations(parse_spec(text))
    if kind == M2M:
        assert any(k == M2M and {s, t} == {source, target} for k, s, t in got), got
    else:
        assert expected in got, got


def test_holding_many_with_something_for_each_is_no_plain_link() -> None:
    """ "several products, with a quantity for each": the lines are things of their own, so
    a product does not simply belong to one order."""
    got = relations(
        parse_spec(
            "Orders have a date. Products have a name and a price. An order has several "
            "products, with a quantity for each."
        )
    )
    assert (M2O, "Product", "Order") not in got


@pytest.mark.parametrize(
    ("text", "link", "ends", "choices"),
    [
        (
            "| Thing | What we keep |\n|---|---|\n| Ringer | name, email, phone |\n"
            "| Service | date, tower, kind (wedding, funeral, practice) |\n\n"
            "Ringers answer yes, no or maybe for each service.",
            "Answer",
            {"Ringer", "Service"},
            ["yes", "no", "maybe"],
        ),
        (
            "Players have a nickname. Proposals have a title and a text. Each player votes yes "
            "or no on every proposal.",
            "Vote",
            {"Player", "Proposal"},
            ["yes", "no"],
        ),
        (
            "Parties have a date and a place. Guests have a name. Guests RSVP yes or no to each "
            "party.",
            "Rsvp",
            {"Guest", "Party"},
            ["yes", "no"],
        ),
        (  # a role that signs in is the User
            "Members sign up. Events have a title and a date. Members reply with going, not "
            "going or maybe to every event.",
            "Reply",
            {"User", "Event"},
            ["going", "not_going", "maybe"],
        ),
        (  # "for each X" first
            "Shifts have a date and a place. Volunteers have a name. For each shift, volunteers "
            "say yes, no or maybe.",
            "Answer",
            {"Volunteer", "Shift"},
            ["yes", "no", "maybe"],
        ),
    ],
)
def test_an_answer_for_each_thing_is_a_link_entity(
    text: str, link: str, ends: set[str], choices: list[str]
) -> None:
    spec = parse_spec(text)
    got = relations(spec)
    assert {(M2O, link, end) for end in ends} <= got, got
    assert not any({s, t} == ends for _, s, t in got), got  # no link of the two ends alone
    field = next(f for f in spec.entity(link).fields if f.type.value == "enum")
    assert field.choices == choices


def test_a_list_of_things_is_no_answer() -> None:
    spec = parse_spec(
        "Members have a name. Classes have a title. Members book a mat, a towel or a locker "
        "for each class."
    )
    assert "Book" not in entity_names(spec)


@pytest.mark.parametrize(
    ("text", "entity", "field"),
    [
        (
            "| Entity | Fields |\n|---|---|\n| Service | date, tower, kind (wedding, funeral) |",
            "Service",
            "tower",
        ),
        ("- Sites: address, city, foreman name\n- Workers: name, trade", "Site", "foreman_name"),
        (
            "**Tool**: name, serial number, condition (good, worn, broken)\n**Member**: name",
            "Tool",
            "serial_number",
        ),
        (
            "Platforms: number, length in meters, covered yes/no. Trains: code, operator.",
            "Platform",
            "length",
        ),
        (
            "| Entity | Fields |\n|---|---|\n| System | name, vendor, licence expiry date |",
            "System",
            "vendor",
        ),
    ],
)
def test_an_app_word_with_fields_after_it_names_a_thing(text: str, entity: str, field: str) -> None:
    spec = parse_spec(text)
    assert entity in entity_names(spec)
    assert field in field_types(spec, entity)


def test_software_words_with_a_list_stay_the_stack() -> None:
    spec = parse_spec("- Backend: FastAPI, PostgreSQL\n- Books: title, author, isbn")
    assert entity_names(spec) == {"Book"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "is when ...": an event, and the things its clause names
            "Customers have a name. Chimneys have a type. Visits have a date and a price. A "
            "visit is when one of our sweeps goes to a customer and does a chimney.",
            {(M2O, "Visit", "Customer"), (M2O, "Visit", "Chimney")},
        ),
        (
            "Patterns have a name. Projects have a start date and a status. A project is when "
            "a knitter works on one pattern.",
            {(M2O, "Project", "Pattern")},
        ),
        (  # "is a person doing something"
            "Sessions have a date. Boats have a number. Bookings have a note. A booking is a "
            "rower taking a boat to a session.",
            {(M2O, "Booking", "Boat"), (M2O, "Booking", "Session")},
        ),
        (  # a participle after the defining noun
            "Employees have a name. Assets have a tag and a model. Loans have a date. A loan "
            "is an asset handed to an employee for a while.",
            {(M2O, "Loan", "Asset"), (M2O, "Loan", "Employee")},
        ),
        (
            "Hikers have a name. Huts have an altitude. Stays have a night count. A stay is "
            "when a hiker sleeps at a hut.",
            {(M2O, "Stay", "Hiker"), (M2O, "Stay", "Hut")},
        ),
    ],
)
def test_a_definition_names_the_ends_of_a_link_noun(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= relations(parse_spec(text))


def test_a_description_is_no_definition() -> None:
    got = relations(
        parse_spec(
            "Cafes have a name. Baristas have a name. A cafe is a great place with friendly "
            "baristas."
        )
    )
    assert (M2O, "Cafe", "Barista") not in got
