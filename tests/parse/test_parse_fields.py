"""Field phrases -> fields: names, types inferred from words, modifiers, enums, defaults."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.fields import parse_field
from pipeline.spec import FieldType

T = FieldType


@pytest.mark.parametrize(
    ("phrase", "name", "type_"),
    [
        ("title", "title", T.STRING),
        ("full name", "full_name", T.STRING),
        ("birth date", "birth_date", T.DATE),
        ("due date", "due_date", T.DATE),
        ("date of birth", "date_of_birth", T.DATE),
        ("published on", "published_on", T.DATE),
        ("started at", "started_at", T.DATETIME),
        ("start time", "start_time", T.DATETIME),
        ("last login timestamp", "last_login", T.DATETIME),
        ("done flag", "done", T.BOOLEAN),
        ("is_active", "is_active", T.BOOLEAN),
        ("published?", "published", T.BOOLEAN),
        ("has_parking", "has_parking", T.BOOLEAN),
        ("published year", "published_year", T.INTEGER),
        ("quantity", "quantity", T.INTEGER),
        ("stock count", "stock_count", T.INTEGER),
        ("age", "age", T.INTEGER),
        ("duration in minutes", "duration_minutes", T.INTEGER),
        ("prep time", "prep_time", T.INTEGER),
        ("number of pages", "number_of_pages", T.INTEGER),
        ("price", "price", T.DECIMAL),
        ("total amount", "total_amount", T.DECIMAL),
        ("salary", "salary", T.DECIMAL),
        ("price in dollars", "price", T.DECIMAL),
        ("rating", "rating", T.FLOAT),
        ("weight in kg", "weight_kg", T.FLOAT),
        ("latitude", "latitude", T.FLOAT),
        ("email address", "email_address", T.EMAIL),
        ("phone number", "phone_number", T.PHONE),
        ("website", "website", T.URL),
        ("bio", "bio", T.TEXT),
        ("instructions", "instructions", T.TEXT),
        ("notes", "notes", T.TEXT),
        ("external uuid", "external_uuid", T.UUID),
        ("price: decimal", "price", T.DECIMAL),
        ("age (int)", "age", T.INTEGER),
        ("summary as long text", "summary", T.TEXT),
        ("cover (file)", "cover", T.FILE),
        ("active boolean", "active", T.BOOLEAN),
        ("`starts_at`: datetime", "starts_at", T.DATETIME),
        ("**e-mail**", "email", T.EMAIL),
    ],
)
def test_types_are_inferred_from_names_and_words(phrase: str, name: str, type_: FieldType) -> None:
    draft = parse_field(phrase)
    assert draft is not None
    assert (draft.name, draft.type) == (name, type_)


@pytest.mark.parametrize(
    ("phrase", "required", "unique", "default"),
    [
        ("a unique email", True, True, None),
        ("email (unique)", True, True, None),
        ("email: unique", True, True, None),
        ("an optional phone number", False, False, None),
        ("notes (optional)", False, False, None),
        ("nickname, if any", False, False, None),
        ("title (required)", True, False, None),
        ("quantity defaults to 1", True, False, 1),
        ("stock (integer, default 0)", True, False, 0),
        ("price (default 9.99)", True, False, 9.99),
        ("active flag (default true)", True, False, True),
        ("done flag", True, False, False),
        ("isbn", True, True, None),
        ("country (default Norway)", True, False, "Norway"),
    ],
)
def test_modifiers(phrase: str, required: bool, unique: bool, default: object) -> None:
    draft = parse_field(phrase)
    assert draft is not None
    assert (draft.required, draft.unique, draft.default) == (required, unique, default)


@pytest.mark.parametrize(
    ("phrase", "choices", "default"),
    [
        (
            "status that is one of pending, shipped or received",
            ["pending", "shipped", "received"],
            "pending",
        ),
        ("status (one of open|closed)", ["open", "closed"], "open"),
        ("status (pending/shipped/received)", ["pending", "shipped", "received"], "pending"),
        ("priority: low | normal | high", ["low", "normal", "high"], None),
        (
            "priority which can be low, normal or high (defaults to normal)",
            ["low", "normal", "high"],
            "normal",
        ),
        ("size: small, medium or large", ["small", "medium", "large"], None),
        ("state - todo, in progress, done", ["todo", "in_progress", "done"], "todo"),
        ('kind ("single", "double")', ["single", "double"], None),
    ],
)
def test_enums(phrase: str, choices: list[str], default: str | None) -> None:
    draft = parse_field(phrase)
    assert draft is not None
    assert (draft.type, draft.choices, draft.default) == (T.ENUM, choices, default)


def test_enum_choices_stop_where_the_next_field_starts() -> None:
    spec = parse_spec(
        "Orders have a status that is one of pending, shipped or received, and a total."
    )
    fields = {f.name: f for f in spec.entity("Order").fields}
    assert fields["status"].choices == ["pending", "shipped", "received"]
    assert fields["total"].type is T.DECIMAL


@pytest.mark.parametrize("phrase", ["etc", "and more", "", "   "])
def test_non_fields(phrase: str) -> None:
    assert parse_field(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("class", "class_name"),
        ("from", "from_value"),
        ("metadata", "meta"),
        ("query", "query_text"),
    ],
)
def test_reserved_names_are_renamed(phrase: str, name: str) -> None:
    draft = parse_field(phrase)
    assert draft is not None and draft.name == name


def test_implicit_columns_are_not_listed() -> None:
    spec = parse_spec("- Posts: id, title, created at, updated_at")
    assert [f.name for f in spec.entity("Post").fields] == ["title"]


def test_max_length() -> None:
    draft = parse_field("title (string, max 120 chars)")
    assert draft is not None and draft.max_length == 120


@pytest.mark.parametrize(
    ("said", "name", "type_"),
    [
        ("start day", "start_day", FieldType.DATE),  # the day it starts on: a date
        ("return day", "return_day", FieldType.DATE),
        ("service day", "service_day", FieldType.STRING),  # a weekday, said as a word
        ("a wind limit in km/h", "wind_limit", FieldType.FLOAT),  # a unit with a slash
        ("the monthly rent at that time", "monthly_rent", None),  # "at that time" says when
        ("the price at this point", "price", None),
        ("weight in carats", "weight", FieldType.FLOAT),  # a unit: no part of the name
        ("area in hectares", "area", FieldType.FLOAT),
        ("noise level in db", "noise_level", None),
        ("moisture %", "moisture", FieldType.FLOAT),  # a share
        ("commission rate in % (0-50)", "commission_rate", FieldType.FLOAT),
        ("ph", "ph", FieldType.FLOAT),
        ("tax id", "tax_id", FieldType.STRING),  # a name for something, not money
        ("fee code", "fee_code", FieldType.STRING),
        ("fee", "fee", FieldType.DECIMAL),
    ],
)
def test_field_words_of_days_units_and_moments(
    said: str, name: str, type_: FieldType | None
) -> None:
    field = parse_field(said)
    assert field is not None and field.name == name
    if type_ is not None:
        assert field.type is type_


@pytest.mark.parametrize(
    ("said", "name", "choices"),
    [
        (
            "status open, boarding, airborne, landed",
            "status",
            ["open", "boarding", "airborne", "landed"],
        ),
        ("sex cock/hen", "sex", ["cock", "hen"]),
        ("type sail or motor", "type", ["sail", "motor"]),
    ],
)
def test_choices_said_bare_after_their_attribute(said: str, name: str, choices: list[str]) -> None:
    field = parse_field(said)
    assert field is not None and (field.name, field.type, field.choices) == (
        name,
        FieldType.ENUM,
        choices,
    )


def test_a_status_followed_by_fields_is_no_list_of_choices() -> None:
    spec = parse_spec("Loads have a status, name, email.")
    load = spec.entity("Load")
    assert {"status", "name", "email"} <= {f.name for f in load.fields}


def test_a_title_line_above_a_list_is_not_wrapped_into_it() -> None:
    spec = parse_spec(
        "window cleaning co. api\ncustomers (name, phone, address), rounds (customer, weekday)."
    )
    assert [f.name for f in spec.entity("Customer").fields] == ["name", "phone", "address"]


def test_a_wrapped_sentence_still_runs_across_lines() -> None:
    spec = parse_spec("We need a backend where customers have a name,\na phone and an address.")
    assert {"name", "phone", "address"} <= {f.name for f in spec.entity("Customer").fields}


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("A client submits many stones.", "many_to_one"),  # each stone made by one client
        ("A client places many orders.", "many_to_one"),
        ("A client has many stones.", "many_to_one"),
    ],
)
def test_one_makes_many(said: str, kind: str) -> None:
    first = "Clients have a name and an email. Stones have a species and a weight. "
    first += "Orders have a date and a total. "
    spec = parse_spec(first + said)
    made = said.split()[-1].rstrip(".").removesuffix("s").capitalize()
    assert (kind, made, "Client") in [(r.kind.value, r.source, r.target) for r in spec.relations]


def test_a_made_thing_said_alone_is_not_linked_to_its_maker() -> None:
    spec = parse_spec("Clients have a name and an email. Stones have a species and a weight.")
    assert spec.relations == []


def test_a_formula_in_brackets_names_no_entity() -> None:
    spec = parse_spec(
        "Tours have a date and a boat. Customers book a tour and see the total "
        "(adults × adult price + children × child price)."
    )
    assert "Total" not in {e.name for e in spec.entities}
