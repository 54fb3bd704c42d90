"""What a new user's request for a lending shed showed (issue 10): each kind proven on short texts
of our own, the expected answer written first.

- a list after a relative clause belongs to the noun before it ("tools they own (name, ...)");
- "value" is part of a field's name ("replacement value"), not a word to drop;
- a count said as a limit ("can't have more than 3 open requests") is no field;
- "the owner" of a thing the API stores is ownership, not a role;
- "admins can remove any tool" reaches past ownership; it does not keep deleting to admins.
"""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.fields import parse_field
from tests.parse.helpers import field_types, permissions, relations


@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        (
            "Members log in. A member can list tools they own (name, description, condition).",
            "Tool",
            {"name", "description", "condition"},
        ),
        (
            "We sell cakes that we bake (name, price, gluten free?).",
            "Cake",
            {"name", "price", "gluten_free"},
        ),
        (
            "Guides post the hikes they lead (title, distance in km, meeting point).",
            "Hike",
            {"title", "meeting_point"},
        ),
    ],
)
def test_a_list_after_a_relative_clause_describes_the_noun(
    text: str, entity: str, fields: set[str]
) -> None:
    assert fields <= set(field_types(parse_spec(text), entity))


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("replacement value in euros", "replacement_value"),
        ("market value", "market_value"),
        ("insured value (decimal)", "insured_value"),
        ("status field", "status"),
    ],
)
def test_value_stays_in_a_fields_name(phrase: str, name: str) -> None:
    found = parse_field(phrase)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    "phrase",
    [
        "more than 3 open requests",
        "no more than two pets",
        "at most 5 bookings",
        "fewer than 2 guests",
    ],
)
def test_a_count_said_as_a_limit_is_no_field(phrase: str) -> None:
    assert parse_field(phrase) is None


def test_a_limit_sentence_adds_no_field_to_the_people() -> None:
    spec = parse_spec(
        "Members sign up and log in. Members borrow tools (name, brand). A member can't have"
        " more than 3 open requests."
    )
    for e in spec.entities:
        assert not any("than" in f.name for f in e.fields), e.name


@pytest.mark.parametrize(
    "text",
    [
        "Members sign up. Members list boats (name, length). Renters book a boat. The owner"
        " approves or declines the booking. Only the owner of a boat can edit it.",
        "Users log in and add recipes (title, steps). A recipe's author can edit it; the author"
        " also answers questions.",
    ],
)
def test_the_owner_of_a_thing_is_no_role(text: str) -> None:
    spec = parse_spec(text)
    assert "owner" not in spec.roles and "author" not in spec.roles


def test_owners_who_sign_up_stay_a_role() -> None:
    spec = parse_spec(
        "Dog walking. Owners sign up and add their dogs (name, breed). Walkers log in and"
        " accept walks (date, duration). Only walkers can accept walks."
    )
    assert "owner" in spec.roles or "walker" in spec.roles


def test_a_privileged_role_on_any_row_keeps_the_owners_say() -> None:
    spec = parse_spec(
        "Members log in. A member can list tools (name, description). Only the owner of a tool"
        " can edit or remove it. Admins can remove any tool."
    )
    assert not any(entity == "Tool" for entity, _, _ in permissions(spec))
    assert spec.entity("Tool").owner


def test_only_admins_still_reserves_an_act() -> None:
    spec = parse_spec(
        "Members log in. A member can list tools (name, description). Only admins can remove"
        " tools."
    )
    assert ("Tool", ("delete",), ("admin",)) in permissions(spec)


# What a new user's request for a yoga studio showed.


@pytest.mark.parametrize(
    ("text", "entity", "field", "choices"),
    [
        (
            "Each booking has a status: booked, cancelled, attended.",
            "Booking",
            "status",
            ["booked", "cancelled", "attended"],
        ),
        (
            "- every ticket has a priority: low, normal, urgent\n- tickets have a title",
            "Ticket",
            "priority",
            ["low", "normal", "urgent"],
        ),
        (
            "Plants have a name and a size: small/medium/large.",
            "Plant",
            "size",
            ["small", "medium", "large"],
        ),
    ],
)
def test_values_after_a_colon_make_an_enum_without_an_or(
    text: str, entity: str, field: str, choices: list[str]
) -> None:
    found = parse_spec(text).entity(entity).field(field)
    assert found is not None and found.type.value == "enum" and found.choices == choices


@pytest.mark.parametrize(
    ("text", "link", "target"),
    [
        (
            "Students log in. Courses have a title. Students book a spot in a course. Bookings"
            " have a status.",
            "Booking",
            "Course",
        ),
        (
            "Kids sign up. Trips have a date. Parents reserve a place on a trip; each reservation"
            " has a note.",
            "Reservation",
            "Trip",
        ),
    ],
)
def test_a_spot_in_a_thing_books_the_thing(text: str, link: str, target: str) -> None:
    spec = parse_spec(text)
    assert ("many_to_one", link, target) in relations(spec)
    assert "Spot" not in {e.name for e in spec.entities}
    assert "Place" not in {e.name for e in spec.entities}


# What a new user's template request for a repair café showed.


@pytest.mark.parametrize(
    ("text", "entity", "fields", "not_fields"),
    [
        (
            "Fixers have skills like electronics, textiles, bikes.",
            "Fixer",
            {"skills"},
            {"textiles", "bikes"},
        ),
        (
            "Tasks have a title, tags like urgent, a due date.",
            "Task",
            {"title", "due_date"},
            {"urgent"},
        ),
        (
            "Dishes have a name, allergens such as nuts, gluten, and a price.",
            "Dish",
            {"name", "price"},
            {"gluten"},
        ),
    ],
)
def test_examples_after_like_are_no_fields(
    text: str, entity: str, fields: set[str], not_fields: set[str]
) -> None:
    names = set(field_types(parse_spec(text), entity))
    assert fields <= names and not names & not_fields


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Backend for our repair café. Items have a name.", "repair-cafe-api"),
        ("An API for the Zürich bakery. Cakes have a name.", "zurich-bakery-api"),
    ],
)
def test_accented_letters_keep_their_word(text: str, name: str) -> None:
    assert parse_spec(text).name == name


# What a new user's requests for a grooming salon and a small hotel showed.


@pytest.mark.parametrize(
    ("phrase", "choices"),
    [
        ("type (single, double, suite)", ["single", "double", "suite"]),
        ("kind (text, image, video)", ["text", "image", "video"]),
        ("format (pdf, image)", ["pdf", "image"]),
    ],
)
def test_a_type_word_among_values_is_a_value(phrase: str, choices: list[str]) -> None:
    found = parse_field(phrase)
    assert found is not None and found.type.value == "enum" and found.choices == choices


@pytest.mark.parametrize(
    ("phrase", "type_"),
    [
        ("price (decimal, optional)", "decimal"),
        ("photo (image, optional)", "file"),
        ("contact person (name, phone, relationship)", "phone"),
    ],
)
def test_a_type_among_modifiers_stays_a_type(phrase: str, type_: str) -> None:
    found = parse_field(phrase)
    assert found is not None and found.type.value == type_


@pytest.mark.parametrize(
    "sentence",
    [
        "Reception staff can change reservation status (booked, checked in, checked out,"
        " cancelled).",
        "Staff can change the status of a reservation (booked, checked in, checked out,"
        " cancelled).",
        "Reservation status can be booked, checked in, checked out or cancelled.",
    ],
)
def test_the_values_of_an_entitys_status_said_beside_it(sentence: str) -> None:
    spec = parse_spec("Guests make reservations (dates, notes). " + sentence)
    assert "ReceptionStaff" not in {e.name for e in spec.entities}
    status = spec.entity("Reservation").field("status")
    assert status is not None and status.type.value == "enum"
    assert "checked_in" in status.choices and "cancelled" in status.choices


@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        (
            "api for a salon: customers, appointments with a date and a price.",
            "Appointment",
            {"date", "price"},
        ),
        ("A bike shop API: bikes with a model and a price, repairs.", "Bike", {"model", "price"}),
    ],
)
def test_an_app_colon_list_with_fields_is_read_as_a_list(
    text: str, entity: str, fields: set[str]
) -> None:
    assert fields <= set(field_types(parse_spec(text), entity))


@pytest.mark.parametrize(
    ("text", "owned", "owner"),
    [
        (
            "api for a grooming salon: customers, their dogs (name, breed), appointments.",
            "Dog",
            "Customer",
        ),
        ("A club app with members and their boats, and events.", "Boat", "Member"),
    ],
)
def test_their_things_in_a_list_belong_to_the_item_before(
    text: str, owned: str, owner: str
) -> None:
    assert ("many_to_one", owned, owner) in relations(parse_spec(text))


@pytest.mark.parametrize(
    "text",
    [
        "We grade submissions with a score from 0 to 100 and feedback.",
        "As a teacher I want to grade submissions with a score from 0 to 100 and feedback.",
    ],
)
def test_a_range_inside_a_with_list_keeps_the_list(text: str) -> None:
    spec = parse_spec(text)
    entity = next(e for e in spec.entities if e.name == "Submission")
    assert len([f for f in entity.fields if f.name not in ("email", "full_name")]) == 2


@pytest.mark.parametrize(
    ("phrase", "name"), [("external_id uuid", "external_id"), ("public id uuid", "public_id")]
)
def test_uuid_after_an_id_is_its_type(phrase: str, name: str) -> None:
    found = parse_field(phrase)
    assert found is not None and found.name == name and found.type.value == "uuid"


@pytest.mark.parametrize("phrase", ["stuff", "things", "then get rewards", "kind of", "date of"])
def test_filler_and_half_phrases_are_no_fields(phrase: str) -> None:
    assert parse_field(phrase) is None


@pytest.mark.parametrize("phrase", ["cleaned by", "scheduled for", "proof of address"])
def test_names_ending_in_a_preposition_that_belongs_stay(phrase: str) -> None:
    assert parse_field(phrase) is not None


def test_a_text_that_names_only_stuff_is_asked_about() -> None:
    from pipeline.parse import understand

    understood = understand(
        "Can you make the backend for our loyalty thing? Customers collect stuff and then get"
        " rewards, kind of like the coffee chains. We want it flexible."
    )
    assert understood.questions


@pytest.mark.parametrize(
    ("phrase", "type_", "default"),
    [
        ("priority (integer, default 3)", "integer", 3),
        ("level (integer, optional)", "integer", None),
    ],
)
def test_a_type_and_a_modifier_after_a_value_word_stay_a_type(
    phrase: str, type_: str, default: int | None
) -> None:
    found = parse_field(phrase)
    assert found is not None and found.type.value == type_ and found.default == default


def test_a_bare_mention_with_an_aside_does_not_retype_a_known_field() -> None:
    from pipeline.refine import refine_spec
    from pipeline.spec import ProjectSpec

    spec = ProjectSpec.from_yaml(
        "name: blog\nentities:\n  - name: Post\n    fields:\n      - {name: title, type: string}\n"
        "      - {name: image, type: file, required: false}\n"
    )
    done = refine_spec(spec, "Posts: title max 100 chars, image optional (already is, fine)")
    assert not done.questions
    assert done.spec.entity("Post").field("image").type.value == "file"


@pytest.mark.parametrize(
    "text",
    [
        "Members log in. Books have a title. Loans have a date. Members can see all books, but"
        " only their own loans.",
        "Singers log in and can see all scores, but only their own loans. Scores have a title."
        " Loans have a date.",
    ],
)
def test_see_all_x_but_only_their_own_y_keeps_y_private(text: str) -> None:
    loan = parse_spec(text).entity("Loan")
    assert loan.owner and loan.read.value == "owner"
