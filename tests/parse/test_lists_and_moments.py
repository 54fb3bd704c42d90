"""How field lists end, what a moment is, and which words count: phrasings written for these
tests (not taken from the corpus), each beside a case that must stay as it was."""

from __future__ import annotations

import pytest

from pipeline.parse import understand
from pipeline.parse.fields import parse_field
from pipeline.spec import FieldType, ProjectSpec, RuleKind


def _fields(spec: ProjectSpec, entity: str) -> dict[str, str]:
    return {f.name: f.type.value for f in spec.entity(entity).fields}


def test_a_date_and_a_time_are_one_moment() -> None:
    spec = understand("Concerts: band, venue, date and start time, ticket price.").spec
    fields = _fields(spec, "Concert")
    assert fields["datetime"] == "datetime"
    assert not {"date", "time", "start_time"} & set(fields)


def test_a_named_moment_is_one_datetime() -> None:
    spec = understand("Ferries: name, departure date & time, seats.").spec
    assert _fields(spec, "Ferry") == {"name": "string", "departure": "datetime", "seats": "integer"}


def test_a_date_alone_stays_a_date() -> None:
    spec = understand("Ferries: name, departure date, seats.").spec
    assert _fields(spec, "Ferry")["departure_date"] == "date"


def test_a_rule_on_the_time_names_the_moment() -> None:
    text = (
        "Bookings: court, date and time, player name.\n"
        "A court can't be booked twice for the same date and time (one booking per court per time)."
    )
    spec = understand(text).spec
    fields = {f.name for f in spec.entity("Booking").fields} | {
        r.name for r in spec.relations if r.source == "Booking"
    }
    unique = [r for r in spec.rules if r.kind is RuleKind.UNIQUE and r.entity == "Booking"]
    assert unique and all(set(r.fields) <= fields for r in unique)  # no field it lacks


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("throws", FieldType.INTEGER),
        ("scorer", FieldType.STRING),
        ("penalty points", FieldType.INTEGER),
        ("battery voltage", FieldType.FLOAT),
        ("valid until", FieldType.DATE),
        ("valid", FieldType.STRING),
    ],
)
def test_what_a_field_word_counts_or_measures(phrase: str, kind: FieldType) -> None:
    draft = parse_field(phrase)
    assert draft is not None and draft.type is kind


@pytest.mark.parametrize("phrase", ["12 kayaks", "~300 rentals a year", "about 40 members"])
def test_a_quantity_said_is_no_field(phrase: str) -> None:
    assert parse_field(phrase) is None


def test_a_number_inside_a_name_is_no_quantity() -> None:
    draft = parse_field("top 3 finish")
    assert draft is not None


def test_a_participle_before_a_label_says_its_state() -> None:
    spec = understand("A rented kayak: renter name, return time, deposit.").spec
    assert [e.name for e in spec.entities] == ["Kayak"]


def test_a_no_that_forbids_a_repeat_keeps_the_thing() -> None:
    text = "Signups: visitor name, email, group size. No double signup with the same email."
    spec = understand(text).spec
    assert _fields(spec, "Signup") == {
        "visitor_name": "string",
        "email": "email",
        "group_size": "integer",
    }


def test_a_no_that_leaves_a_thing_out_still_does() -> None:
    read = understand("Boats: name, berths. No payments in this version.")
    assert [e.name for e in read.spec.entities] == ["Boat"]
    assert any("payments" in s.reason for s in read.sentences)


def test_a_sentence_after_a_field_list_ends_it() -> None:
    text = "**Kayaks**: name, length, seats. Each kayak is stored at one boathouse."
    assert set(_fields(understand(text).spec, "Kayak")) >= {"name", "length", "seats"}
    assert "stored" not in " ".join(_fields(understand(text).spec, "Kayak"))


def test_the_list_is_the_sentence_that_lists() -> None:
    text = "**Products**: mugs, plates and bowls. Each has a code, a glaze colour and a price."
    fields = _fields(understand(text).spec, "Product")
    assert {"code", "glaze_colour", "price"} <= set(fields)
    assert not {"mugs", "plates", "bowls"} & set(fields)


def test_a_bound_in_brackets_is_part_of_the_list() -> None:
    text = "**Courses**: name, price, max pupils (never more than 12). Each course has a teacher."
    assert {"name", "price", "max_pupils"} <= set(_fields(understand(text).spec, "Course"))


def test_a_sentence_after_a_list_is_read_as_prose() -> None:
    text = (
        "**Owners**: name, phone.\n"
        "**Kayaks**: name, length, seats. Every kayak belongs to one owner.\n"
    )
    spec = understand(text).spec
    assert [(r.source, r.target) for r in spec.relations] == [("Kayak", "Owner")]


def test_a_start_and_an_end_said_once() -> None:
    spec = understand("Festivals: name, festival start and end dates, city.").spec
    assert _fields(spec, "Festival") == {
        "name": "string",
        "festival_start_date": "date",
        "festival_end_date": "date",
        "city": "string",
    }


@pytest.mark.parametrize(
    ("phrase", "name"), [("where it was found", "location"), ("when it was found", "found_at")]
)
def test_a_question_about_an_event_names_its_place_or_moment(phrase: str, name: str) -> None:
    draft = parse_field(phrase)
    assert draft is not None and draft.name == name


def test_label_lines_in_a_row_are_each_a_thing() -> None:
    text = "Kennel booking API.\ndogs: name, breed, owner phone\nkennels: number, size"
    spec = understand(text).spec
    assert {"Dog", "Kennel"} <= {e.name for e in spec.entities}
    assert "breed" in _fields(spec, "Dog")


def test_a_dashed_label_above_a_list_heads_it() -> None:
    text = "Entries - a photographer submits one photo with:\n- title\n- camera\n- shot on (date)\n"
    spec = understand(text).spec
    assert {"title", "camera"} <= set(_fields(spec, "Entry"))


def test_application_with_its_fields_is_a_thing() -> None:
    spec = understand("- Application: applicant name, site address, estimated cost").spec
    assert set(_fields(spec, "Application")) == {"applicant_name", "site_address", "estimated_cost"}


@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        ("Then inspections: inspector name, passed yes/no.", "Inspection", {"inspector_name"}),
        ("Refunds are separate: amount, reason, refunded on.", "Refund", {"amount", "reason"}),
        (
            "As an admin I want to keep a register of volunteers: name, phone, skills.",
            "Volunteer",
            {"name", "phone", "skills"},
        ),
    ],
)
def test_how_a_list_is_introduced(text: str, entity: str, fields: set[str]) -> None:
    spec = understand(text).spec
    assert fields <= set(_fields(spec, entity))


def test_a_line_of_figures_is_no_thing() -> None:
    text = "Kayak hire API. Size: 40 kayaks, about 3000 rentals a year.\nKayaks: name, length."
    assert [e.name for e in understand(text).spec.entities] == ["Kayak"]


def test_a_title_with_a_dash_is_no_thing() -> None:
    text = "Bike shed - repairs & parts tracking API\n\nBikes: frame number, colour."
    assert [e.name for e in understand(text).spec.entities] == ["Bike"]


def test_extra_above_notes_is_no_thing() -> None:
    text = (
        "Bikes: frame number, colour.\n\nExtra:\n- Mechanics log in.\n- Only mechanics edit bikes."
    )
    assert "Extra" not in {e.name for e in understand(text).spec.entities}


def test_once_is_unique_over_what_its_own_sentence_names() -> None:
    text = (
        "Members: name. Rides: route, date.\n"
        "- signups: member, ride, bringing a friend yes/no. a member can sign up for a ride only once"
    )
    spec = understand(text).spec
    [rule] = [r for r in spec.rules if r.kind is RuleKind.UNIQUE and r.entity == "Signup"]
    assert sorted(rule.fields) == ["member", "ride"]


def test_a_requirement_id_names_no_thing() -> None:
    text = (
        "REQ-1 Each station has a name and a code.\n"
        "REQ-2 A locker belongs to one station and has a number and a size."
    )
    names = {e.name for e in understand(text).spec.entities}
    assert names == {"Station", "Locker"}


def test_what_is_shown_is_what_the_person_wrote() -> None:
    # read tidied ("date-time", "Repair job", no "REQ-2"), shown as written: the sentence table,
    # the generated README's description and the PR body quote the person, not the reader
    text = (
        "- REQ-1 **RepairJob**: bike, price, drop-off date and time\n"
        "- REQ-2 Mechanics can close a RepairJob."
    )
    understood = understand(text)
    assert understood.spec.description == text
    assert [s.text for s in understood.sentences] == [
        "REQ-1 RepairJob: bike, price, drop-off date and time",
        "REQ-2 Mechanics can close a RepairJob.",
    ]
    moment = understood.spec.entity("RepairJob").field("drop_off")
    assert moment is not None and moment.type is FieldType.DATETIME


def test_a_wrapped_item_is_shown_whole() -> None:
    text = "- Camps: name, location, start\n  date, price\n"
    [camp] = understand(text).sentences
    assert camp.text == "Camps: name, location, start date, price"


def test_a_url_path_in_the_prose_names_no_thing() -> None:
    # read as words, "/plots/{plotId}" became an entity and a link named "/plots/{plotid", and
    # the whole text was refused as an invalid spec
    text = (
        "Gardeners keep plots with a size and a soil type. A plot of another gardener "
        "answers 404 on every route under `/plots/{plotId}`."
    )
    spec = understand(text).spec
    assert {"Gardener", "Plot"} <= {e.name for e in spec.entities}
    assert all("/" not in r.name and "{" not in r.name for r in spec.relations)
