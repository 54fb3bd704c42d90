"""Whole requests as people write them -> the facts a reader would take from them."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec, parse_spec_with_notes
from tests.parse.helpers import entity_names, field_types, permissions, relations

M2O, M2M = "many_to_one", "many_to_many"

CASES = [
    (
        "I want to build a REST API for a movie rating site. Movies have a title, release year, "
        "genre and a poster url. Users can rate movies from 1 to 5 and write reviews. Admins can "
        "add and remove movies.",
        {"User", "Movie", "Review"},
        {(M2O, "Review", "Movie"), (M2O, "Review", "User")},  # users write reviews: theirs
        (
            "Movie",
            {"title": "string", "release_year": "integer", "genre": "string", "poster_url": "url"},
        ),
    ),
    (
        "Create an API for managing a small gym. Members have a name, email, phone and membership "
        "type (monthly, yearly). Trainers have a name and a specialty. Classes have a name, a "
        "start time, a capacity and a trainer. Members can book classes.",
        {"Member", "Trainer", "GymClass"},
        {(M2O, "GymClass", "Trainer"), (M2M, "Member", "GymClass")},
        (
            "Member",
            {"name": "string", "email": "email", "phone": "phone", "membership_type": "enum"},
        ),
    ),
    (
        "Simple CRUD API for employees and departments. Employee: first name, last name, email "
        "(unique), salary, hire date, is_active. Department: name (unique), budget. Every "
        "employee works in one department.",
        {"Employee", "Department"},
        {(M2O, "Employee", "Department")},
        (
            "Employee",
            {
                "first_name": "string",
                "last_name": "string",
                "email": "email",
                "salary": "decimal",
                "hire_date": "date",
                "is_active": "boolean",
            },
        ),
    ),
    (
        "Need a backend for a podcast app: shows, episodes (title, duration in seconds, published "
        "at, audio url), and listeners who can subscribe to shows. Episodes belong to shows.",
        {"Show", "Episode", "Listener"},
        {(M2O, "Episode", "Show")},
        (
            "Episode",
            {
                "title": "string",
                "duration_seconds": "integer",
                "published_at": "datetime",
                "audio_url": "url",
            },
        ),
    ),
    (
        "A URL shortener API. Links have the original url, a unique short code, a click count "
        "and an optional expiry date. Users must log in to create links.",
        {"User", "Link"},
        set(),
        (
            "Link",
            {
                "original_url": "url",
                "short_code": "string",
                "click_count": "integer",
                "expiry_date": "date",
            },
        ),
    ),
    (
        "Parking lot management: parking spots (number, level, is_occupied), vehicles (plate "
        "number, make, model, color) and parking sessions (started at, ended at, fee). A session "
        "references a spot and a vehicle.",
        {"ParkingSpot", "Vehicle", "ParkingSession"},
        {(M2O, "ParkingSession", "ParkingSpot"), (M2O, "ParkingSession", "Vehicle")},
        ("ParkingSession", {"started_at": "datetime", "ended_at": "datetime", "fee": "decimal"}),
    ),
    (
        "build me an api for a school. students, teachers, courses and grades. a grade belongs "
        "to a student and a course and has a score.",
        {"Student", "Teacher", "Course", "Grade"},
        {(M2O, "Grade", "Student"), (M2O, "Grade", "Course")},
        ("Grade", {"score": "integer"}),
    ),
    (
        "Make a kanban board API with boards, columns and cards. Cards have a title, "
        "description, position and due date. Cards belong to columns, columns belong to boards.",
        {"Board", "Column", "Card"},
        {(M2O, "Card", "Column"), (M2O, "Column", "Board")},
        (
            "Card",
            {"title": "string", "description": "text", "position": "integer", "due_date": "date"},
        ),
    ),
    (
        "An expense tracker. Track expenses with amount, category, date and note. Categories "
        "have a name and a monthly budget. SQLite please.",
        {"Expense", "Category"},
        {(M2O, "Expense", "Category")},
        ("Category", {"name": "string", "monthly_budget": "decimal"}),
    ),
    (
        "A real estate listing API. Properties have an address, a price, bedrooms, bathrooms, "
        "square feet, a listing type that is either sale or rent, and photos. Agents list "
        "properties. Only agents can create or edit properties.",
        {"User", "Property"},
        set(),
        (
            "Property",
            {
                "address": "string",
                "price": "decimal",
                "bedrooms": "integer",
                "bathrooms": "integer",
                "square_feet": "integer",
                "listing_type": "enum",
                "photos": "file",
            },
        ),
    ),
    (
        "Design a chat API: users, conversations and messages. A message belongs to a "
        "conversation and a sender (a user). Messages have text and a sent_at timestamp. "
        "Authentication with JWT.",
        {"User", "Conversation", "Message"},
        {(M2O, "Message", "Conversation"), (M2O, "Message", "User")},
        ("Message", {"text": "text", "sent_at": "datetime"}),
    ),
    (
        "An API for a vet clinic with pets (name, species, breed, birth date), owners (name, "
        "phone, email) and visits (date, reason, diagnosis, cost). Each pet belongs to an owner; "
        "each visit is for a pet.",
        {"Pet", "Owner", "Visit"},
        {(M2O, "Pet", "Owner"), (M2O, "Visit", "Pet")},
        ("Visit", {"date": "date", "reason": "text", "diagnosis": "text", "cost": "decimal"}),
    ),
    (
        "Job board: companies post jobs; candidates apply to jobs. A job has a title, "
        "description, salary range, location and remote flag. An application has a cover "
        "letter, a resume (file upload) and a status (submitted, reviewing, rejected, hired).",
        {"Company", "Job", "Application", "Candidate"},
        # companies post jobs: a job is its company's; an application is the link noun of
        # "candidates apply to jobs": one candidate's, for one job
        {(M2O, "Job", "Company"), (M2O, "Application", "Candidate"), (M2O, "Application", "Job")},
        ("Application", {"cover_letter": "text", "resume": "file", "status": "enum"}),
    ),
    (
        "Weather stations API: stations with name, latitude, longitude and elevation; readings "
        "with temperature, humidity, wind speed and recorded at. Each reading belongs to a "
        "station. Readings should be filterable by station.",
        {"Station", "Reading"},
        {(M2O, "Reading", "Station")},
        (
            "Reading",
            {
                "temperature": "float",
                "humidity": "float",
                "wind_speed": "float",
                "recorded_at": "datetime",
            },
        ),
    ),
    (
        "I need an inventory API for my bakery — products (name, price, quantity in stock), "
        "suppliers, and orders from suppliers. Use Postgres and Docker.",
        {"Product", "Supplier", "Order"},
        {(M2O, "Order", "Supplier")},
        ("Product", {"name": "string", "price": "decimal", "quantity_in_stock": "integer"}),
    ),
    (
        "An API for a bookstore with JWT auth. Books (title, author, price, stock). Customers "
        "place orders; each order has many order items with a quantity.",
        # with JWT, customers are the users who sign in: an order is a user's, not a Customer's
        {"User", "Book", "Order", "OrderItem"},
        {(M2O, "OrderItem", "Order"), (M2O, "Order", "User")},
        ("OrderItem", {"quantity": "integer"}),
    ),
    (
        "# Team wiki\n\n## Users\n- email\n- password\n- role: admin, editor or reader\n\n"
        "## Pages\n- title\n- slug (unique)\n- content (markdown)\n- published: boolean, "
        "default false\n- author -> user\n\n## Rules\n- Only editors can create pages.",
        {"User", "Page"},
        {(M2O, "Page", "User")},
        ("Page", {"title": "string", "slug": "string", "content": "text", "published": "boolean"}),
    ),
    (
        "Create a restaurant reservation system. Restaurants have a name, address, phone, and "
        "cuisine. Tables have a number and seats and belong to a restaurant. Reservations are "
        "for a table and have a party size, a reserved for datetime and a status "
        "(pending/confirmed/cancelled).",
        {"Restaurant", "Table", "Reservation"},
        {(M2O, "Table", "Restaurant"), (M2O, "Reservation", "Table")},
        ("Reservation", {"party_size": "integer", "reserved_for": "datetime", "status": "enum"}),
    ),
    (
        "A survey tool: surveys have a title and many questions; each question has a text and a "
        "type that is one of text, choice, or rating; responses belong to a survey.",
        {"Survey", "Question", "Response"},
        {(M2O, "Question", "Survey"), (M2O, "Response", "Survey")},
        ("Question", {"text": "text", "type": "enum"}),
    ),
    (
        "Todo list.",
        {"Todo"},
        set(),
        ("Todo", {"title": "string", "done": "boolean"}),
    ),
]


@pytest.mark.parametrize(
    ("text", "entities", "rels", "fields"), CASES, ids=[case[0][:30] for case in CASES]
)
def test_requests(
    text: str,
    entities: set[str],
    rels: set[tuple[str, str, str]],
    fields: tuple[str, dict[str, str]],
) -> None:
    spec = parse_spec(text)
    assert entity_names(spec) == entities
    assert relations(spec) == rels
    entity, types = fields
    assert field_types(spec, entity) == types


def test_wiki_roles_come_from_the_user_role_field() -> None:
    spec, notes = parse_spec_with_notes(CASES[16][0])
    assert spec.roles == ["admin", "editor", "reader"]
    assert [f.name for f in spec.entity("User").fields] == ["email"]
    assert any("password" in n for n in notes)


def test_enum_after_either_stops_at_or() -> None:
    spec = parse_spec(CASES[9][0])
    assert spec.entity("Property").field("listing_type").choices == ["sale", "rent"]
    assert permissions(spec) == {("Property", ("create", "update"), ("agent",))}


def test_a_keyword_cannot_name_an_entity() -> None:
    spec, notes = parse_spec_with_notes("- Classes: name, capacity\n- Bookings: class, starts at")
    assert entity_names(spec) == {"AppClass", "Booking"}
    assert relations(spec) == {(M2O, "Booking", "AppClass")}
    assert any("class" in n for n in notes)


@pytest.mark.parametrize("word", ["Base", "Path", "Config", "Query", "Migration"])
def test_names_every_project_already_uses_are_prefixed(word: str) -> None:
    spec = parse_spec(f"- {word}s: name")
    assert entity_names(spec) == {f"App{word}"}
