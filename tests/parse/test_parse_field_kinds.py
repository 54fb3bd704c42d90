"""Fields people name in passing: kinds of phrasing that carry a field, and look-alikes that do
not. Short texts of our own, one kind each, the expected answer written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import entity_names, field_types


# A state flow or a "status is one of" sentence names the status field of its entity, with its
# values as choices.
@pytest.mark.parametrize(
    ("entity", "field", "choices", "text"),
    [
        (
            "Walk",
            "status",
            ["requested", "accepted", "done"],
            "A dog walking API. Owners request walks. Walks have a date and a duration.\n"
            "Walk status: requested -> accepted -> done.",
        ),
        (
            "Loan",
            "status",
            ["open", "returned", "lost"],
            "A library API. Loans have a due date. A loan status is one of: open, returned, lost.",
        ),
        (
            "Invoice",
            "status",
            ["draft", "sent", "paid"],
            "An invoicing API. Invoices have a number and a total. "
            "An invoice status goes from draft to sent to paid.",
        ),
        (
            "Ticket",
            "state",
            ["open", "pending", "closed"],
            "Helpdesk: tickets have a title and a body. Ticket state: open → pending → closed.",
        ),
        (
            "Candidate",
            "stage",
            ["applied", "interviewed", "hired"],
            "A hiring tool. Candidates have a name and an email. "
            "The candidate stage is either applied, interviewed or hired.",
        ),
        (
            "Rental",
            "status",
            ["booked", "active", "returned"],
            "Bike rentals with a start time and a bike number. "
            "Each rental status can be booked, active or returned.",
        ),
    ],
)
def test_a_status_flow_is_an_enum_field(
    entity: str, field: str, choices: list[str], text: str
) -> None:
    spec = parse_spec(text)
    found = {f.name: f for f in spec.entity(entity).fields}
    assert found[field].type.value == "enum"
    assert found[field].choices == choices
    assert f"{entity}{field.title()}" not in entity_names(spec)


# "the Y of each X", "each X's Y": a value a verb handles, of an entity, is a field of it.
@pytest.mark.parametrize(
    ("entity", "fields", "text"),
    [
        (
            "Pet",
            {"name", "microchip_number"},
            "A vet clinic API. Pets have a name. We also record the microchip number of a pet.",
        ),
        (
            "Dog",
            {"name", "weight", "height"},
            "A kennel API. Dogs have a name. We need the weight and height of each dog.",
        ),
        (
            "Pet",
            {"name", "current_weight"},
            "A vet API. Pets have a name. Staff log each pet's current weight.",
        ),
        (
            "Owner",
            {"phone_number"},
            "A vet clinic API for pets and owners. "
            "We track the weight of each pet and the phone number of every owner.",
        ),
        (
            "Hive",
            {"location", "queen_age"},
            "Beekeeping app: hives have a location. Beekeepers note the queen age of every hive.",
        ),
        (
            "Container",
            {"address", "fill_level"},
            "Containers have an address. A sensor reports the fill level of a container.",
        ),
        (
            "Vessel",
            {"name", "draft"},
            "A harbour API. Vessels have a name. The draft of each vessel is stored as well.",
        ),
    ],
)
def test_the_value_of_an_entity_is_its_field(entity: str, fields: set[str], text: str) -> None:
    assert fields <= set(field_types(parse_spec(text), entity))


# A plural on either side is a collection or an idiom, never a field: "a menu of dishes", "keep
# track of inspections", "the prices of rooms".
@pytest.mark.parametrize(
    ("entity", "not_fields", "text"),
    [
        ("Dish", {"menu"}, "Caterer API. We keep a menu of dishes (name, price, vegetarian)."),
        (
            "Inspection",
            {"track"},
            "Inspections have a date and a result. I keep track of inspections.",
        ),
        (
            "Room",
            {"price", "prices"},
            "Rooms have a number. Only staff change the prices of rooms.",
        ),
        ("Course", {"maximum"}, "Courses have a title. A course has a maximum of students."),
        ("Bid", {"feed"}, "Auction API: bids have an amount. We'd like a live feed of new bids."),
    ],
)
def test_a_plural_after_of_is_no_field(entity: str, not_fields: set[str], text: str) -> None:
    assert not not_fields & set(field_types(parse_spec(text), entity))


# A line that says a thing has what follows ("A maintenance request has:", "For each tree we
# store:") introduces that thing's fields, one bullet or numbered item at a time.
@pytest.mark.parametrize(
    ("entity", "fields", "text"),
    [
        (
            "MaintenanceRequest",
            {"title", "description", "category", "status"},
            "Repair requests for our buildings.\n\nA maintenance request has:\n"
            "- a title and a description\n- category: plumbing, electrical, heating\n"
            "- status: new, assigned, resolved\n",
        ),
        (
            "Book",
            {"title", "author", "page_count"},
            "Library catalogue.\n\nEvery book has:\n- a title\n- an author\n- a page count\n",
        ),
        (
            "Vehicle",
            {"plate_number", "colour", "mileage"},
            "Fleet tracking.\n\nEach vehicle should have:\n- plate number\n"
            "- colour: red, blue, black\n- mileage\n",
        ),
        (
            "Gig",
            {"venue", "date", "fee"},
            "Band bookings.\n\nA gig has the following fields:\n- venue\n- date\n- fee in euros\n",
        ),
        (
            "Invoice",
            {"number", "issue_date", "total_amount"},
            "Invoicing for a small studio.\n\nOur invoices contain:\n* number\n* issue date\n"
            "* total amount\n",
        ),
        (
            "Tree",
            {"species", "planting_date", "height"},
            "An orchard API.\n\nFor each tree we store:\n1. species\n2. planting date\n"
            "3. height in meters\n",
        ),
        (
            "Hike",
            {"title", "date", "meeting_point", "distance_km"},
            "Hiking club backend.\n\nWhat a hike has:\n* title, date, meeting point\n"
            "* distance in km\n",
        ),
    ],
)
def test_a_line_saying_what_a_thing_has_introduces_its_fields(
    entity: str, fields: set[str], text: str
) -> None:
    spec = parse_spec(text)
    assert fields <= set(field_types(spec, entity))
    assert not {"Category", "Colour", "Species", "FollowingField"} & entity_names(spec)


def test_a_line_saying_what_the_app_has_lists_entities() -> None:
    spec = parse_spec("The app has:\n- customers with a name and an email\n- orders with a date\n")
    assert {"Customer", "Order"} <= entity_names(spec)


# "Runners sign up with a name and a birth year": a person's verb with no object, and a list
# after its "with", gives the person's fields (not for people who sign in: they are the User).
@pytest.mark.parametrize(
    ("entity", "fields", "text"),
    [
        (
            "Exhibitor",
            {"company_name", "booth_size", "phone"},
            "Trade fair API. Halls have a name. "
            "Exhibitors apply with a company name, a booth size and a phone.",
        ),
        (
            "Runner",
            {"name", "club", "birth_year"},
            "Race results API. Races have a name and a distance. "
            "Runners enter with a name, a club and a birth year.",
        ),
        (
            "Farmer",
            {"farm_name", "region", "phone"},
            "Farmers market API. Stalls have a number. "
            "Farmers apply with a farm name, a region and a phone.",
        ),
        (
            "Driver",
            {"licence_number", "phone", "car_plate"},
            "Taxi API. Drivers register with their licence number, phone (optional) and car "
            "plate. Rides have a pickup address.",
        ),
        (
            "Student",
            {"first_name", "last_name", "school"},
            "Tutoring marketplace. Students enrol with a first name, a last name and a school. "
            "Lessons have a subject and a date.",
        ),
    ],
)
def test_a_person_joining_with_details_has_those_fields(
    entity: str, fields: set[str], text: str
) -> None:
    spec = parse_spec(text)
    assert fields <= set(field_types(spec, entity))


# Look-alikes: a thing, not a person, with a list after "with"; or "with" one thing.
@pytest.mark.parametrize(
    ("not_entity", "text"),
    [
        (
            "Honey",
            "Beekeeping. Hives have a code. Also honey harvests per hive with date and kilos.",
        ),
        (
            "Subscription",
            "Model railway club. Locomotives have a name and a scale. "
            "Subscriptions stay with the treasurer's spreadsheet, not here.",
        ),
    ],
)
def test_a_thing_with_a_list_is_not_a_person_joining(not_entity: str, text: str) -> None:
    assert not_entity not in entity_names(parse_spec(text))


# Bare notes written on one thing ("write notes on an appointment") are that thing's free-text
# field, not a table of their own.
@pytest.mark.parametrize(
    ("entity", "text"),
    [
        (
            "Appointment",
            "Clinic API. Patients have a name. Appointments have a date. "
            "As a doctor I want to write notes on an appointment after the visit.",
        ),
        (
            "Visit",
            "Dog daycare. Visits have a date and a drop-off time. "
            "Only staff can write the notes on a visit.",
        ),
        (
            "Visit",
            "Chimney sweeping. Visits have a date. "
            "Actually also add notes on the visit, a longer text about the flue.",
        ),
        (
            "Inspection",
            "Lift inspections. Inspections have a date and a result. "
            "Inspectors write notes on every inspection.",
        ),
        (
            "Delivery",
            "Courier API. Deliveries have an address and a time slot. "
            "Drivers can leave notes on a delivery.",
        ),
    ],
)
def test_notes_on_a_thing_are_its_text_field(entity: str, text: str) -> None:
    spec = parse_spec(text)
    assert field_types(spec, entity).get("notes") == "text"
    assert "Note" not in entity_names(spec)


def test_notes_with_fields_of_their_own_stay_a_thing() -> None:
    spec = parse_spec("A notes app. Users write notes with a title and a body.")
    assert {"title", "body"} <= set(field_types(spec, "Note"))
