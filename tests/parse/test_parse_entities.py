"""Entities from free text: nouns in lists, subjects of "has" sentences, objects of verbs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pipeline.parse import parse_spec, parse_spec_with_notes
from tests.parse.helpers import entity_names, field_types

BLOG = (
    "Build a blog API with posts, comments, and user authentication. Use FastAPI, PostgreSQL, "
    "and JWT. Include file upload for post images and an admin dashboard with RBAC."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BLOG, {"User", "Post", "Comment"}),
        (
            "I need an API to manage products, orders and customers.",
            {"Product", "Order", "Customer"},
        ),
        ("Build a REST API for a library with books and authors.", {"Book", "Author"}),
        (
            "Track employees and departments. Each employee belongs to a department.",
            {"Employee", "Department"},
        ),
        ("A CRM backend with contacts, deals and companies.", {"Contact", "Deal", "Company"}),
        ("Users can create tasks with a title, due date and done flag.", {"Task"}),
        ("There are projects and milestones.", {"Project", "Milestone"}),
        (
            "An inventory system with products, suppliers and stock movements.",
            {"Product", "Supplier", "StockMovement"},
        ),
        ("Build a simple notes API", {"Note"}),
        ("a blog API", {"Post", "Comment"}),
        ("Build a FastAPI + PostgreSQL + Docker API for movies and reviews.", {"Movie", "Review"}),
        ("An app for tracking expenses and budgets.", {"Expense", "Budget"}),
        ("The system stores invoices and payments.", {"Invoice", "Payment"}),
        ("Entities: teams, players, matches", {"Team", "Player", "Match"}),
        ("An app with posts and comments.", {"Post", "Comment"}),
        ("It has invoices and payments.", {"Invoice", "Payment"}),
        ("An application has a cover letter. Jobs have a title.", {"Application", "Job"}),
        ("A library API: books (title, isbn) and authors (name, bio).", {"Book", "Author"}),
        ("Users open support tickets. Tickets have a subject.", {"Ticket"}),
        ("We have courses with a title. Students enroll in courses.", {"Course", "Student"}),
        ("Build a weather API", {"Weather"}),
    ],
)
def test_entities_come_from_the_nouns(text: str, expected: set[str]) -> None:
    assert entity_names(parse_spec(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Build a blog API with posts and comments. Use FastAPI, PostgreSQL, Docker and JWT.",
        "A todo API with todos. Deploy with Docker Compose, test with pytest, lint with ruff.",
    ],
)
def test_stack_words_are_never_entities(text: str) -> None:
    names = entity_names(parse_spec(text))
    assert not names & {
        "Fastapi",
        "Postgresql",
        "Docker",
        "Jwt",
        "Pytest",
        "Ruff",
        "Api",
        "Compose",
    }


def test_feature_words_are_never_entities() -> None:
    spec = parse_spec(BLOG)
    assert not entity_names(spec) & {"Image", "Dashboard", "Rbac", "Authentication", "Upload"}


@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        (BLOG, "Post", ["title", "body", "image"]),
        (BLOG, "Comment", ["body"]),
        ("An API with products.", "Product", ["name", "description", "price", "stock"]),
        ("An API to track gadgets.", "Gadget", ["name"]),
        ("A recipes API.", "Recipe", ["title", "instructions", "prep_time_minutes"]),
        ("Patients and doctors.", "Doctor", ["full_name", "specialty"]),
    ],
)
def test_an_entity_described_by_nothing_gets_its_usual_fields(
    text: str, entity: str, fields: list[str]
) -> None:
    assert [f.name for f in parse_spec(text).entity(entity).fields] == fields


@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        ("Each book has a title and an isbn.", "Book", ["title", "isbn"]),
        ("Each post has a title and a body.", "Post", ["title", "body"]),
        ("Book: title, isbn.", "Book", ["title", "isbn"]),
        ("An order has a total.", "Order", ["total"]),
    ],
)
def test_nouns_that_are_also_verbs_still_name_entities(
    text: str, entity: str, fields: list[str]
) -> None:
    assert [f.name for f in parse_spec(text).entity(entity).fields] == fields


def test_fields_given_replace_the_defaults() -> None:
    spec = parse_spec("A blog API. Posts have a headline and a slug.")
    assert [f.name for f in spec.entity("Post").fields] == ["headline", "slug"]


def test_an_online_store_is_the_app_not_an_entity() -> None:
    spec = parse_spec("An online store with products (name, price) and orders (quantity).")
    assert entity_names(spec) == {"Product", "Order"}
    assert field_types(spec, "Product") == {"name": "string", "price": "decimal"}
    assert field_types(spec, "Order") == {"quantity": "integer"}
    assert spec.name == "online-store-api"


def test_an_entity_named_only_with_its_links_gets_its_usual_fields() -> None:
    spec, notes = parse_spec_with_notes("Patients book appointments with doctors.")
    assert field_types(spec, "Appointment") == {"starts_at": "datetime", "notes": "text"}
    # the guess is said, not made in silence
    assert "Appointment got the usual fields (starts_at, notes): the text names none." in notes
    assert all(" got the usual fields " in n for n in notes)


def test_an_entity_with_only_links_and_no_usual_fields_is_noted() -> None:
    spec, notes = parse_spec_with_notes(
        "Each visit has a patient and a doctor. Patients have a name. Doctors have a name."
    )
    assert field_types(spec, "Visit") == {}
    assert notes == [
        "Visit has no fields of its own, only an id and its links; name its fields in the issue "
        "if it needs any."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A store API. Each store has a name and an address.",
        "Build a store API. Every store has a name and an address. Products have a price.",
        "The store has a name and an address.",
    ],
)
def test_a_store_with_fields_is_an_entity_not_the_app(text: str) -> None:
    spec = parse_spec(text)
    assert {"name": "string", "address": "string"} == field_types(spec, "Store")
    assert "Customer" not in entity_names(spec)  # no entities guessed from "store"


@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        (
            "An API with:\n- Documents: name, description (text)\n- Notes: name\n",
            "Document",
            {"name": "string", "description": "text"},
        ),
        (
            "A docs API with documents (title, body) and folders (name).",
            "Document",
            {"title": "string", "body": "text"},
        ),
        (
            "## Documents\n- title\n- body\n\n## Folders\n- name",
            "Document",
            {"title": "string", "body": "text"},
        ),
        ("- Documents\n  - title\n- Folders\n  - name", "Document", {"title": "string"}),
        (
            "Photos have a caption and a url. Albums have a title.",
            "Photo",
            {"caption": "text", "url": "url"},
        ),
        (
            "Posts (title, body) and images (url, alt text).",
            "Image",
            {"url": "url", "alt_text": "text"},
        ),
    ],
)
def test_a_file_noun_with_fields_is_an_entity(
    text: str, entity: str, fields: dict[str, str]
) -> None:
    assert field_types(parse_spec(text), entity) == fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Stuff: a, b\n- Posts: title", {"Post"}),  # never an entity, fields or not
        ("A gallery API with albums and images (jpg, png).", {"Album"}),  # formats, not fields
        ("## Posts\n- title\n\n## Images\n- Stored in S3\n- Max 5MB", {"Post"}),
        ("Users can upload images for posts. Posts have a title.", {"Post"}),  # an upload
    ],
)
def test_a_file_noun_without_fields_is_no_entity(text: str, expected: set[str]) -> None:
    assert entity_names(parse_spec(text)) == expected


def test_every_resource_of_the_benchmark_spec_is_an_entity() -> None:
    path = Path(__file__).resolve().parents[2] / "bench" / "bench_parse_render.py"
    spec = importlib.util.spec_from_file_location("bench_parse_render", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert len(parse_spec(bench.spec_text(30)).entities) == 30


@pytest.mark.parametrize(
    "text",
    ["An API with:\n- Notes: name\n", "The app should have:\n- notes (name)\n- tags (label)"],
)
def test_a_list_under_an_api_with_heading_keeps_its_fields(text: str) -> None:
    assert field_types(parse_spec(text), "Note") == {"name": "string"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A store API with stores and products.", {"Store", "Product"}),
        ("An API to manage products, stores and orders.", {"Product", "Store", "Order"}),
        # the verb, with its object after it
        ("The system stores and tracks orders.", {"Order"}),
        ("An API that tracks orders and stores receipts.", {"Order", "Receipt"}),
    ],
)
def test_stores_in_a_list_is_a_noun(text: str, expected: set[str]) -> None:
    assert entity_names(parse_spec(text)) == expected


def test_a_list_before_the_next_verb_ends_at_its_and() -> None:
    spec = parse_spec("Users sign up, write posts and leave comments on posts.")
    assert entity_names(spec) == {"User", "Post", "Comment"}
    # what users write is theirs ("write posts", "leave comments"): a link to the User each
    assert {(r.source, r.target) for r in spec.relations} == {
        ("Comment", "Post"),
        ("Post", "User"),
        ("Comment", "User"),
    }


def test_support_tickets_and_tickets_are_one_entity() -> None:
    spec = parse_spec("People open support tickets. Tickets have a subject and a body.")
    assert entity_names(spec) == {"Ticket"}
    assert [f.name for f in spec.entity("Ticket").fields] == ["subject", "body"]


@pytest.mark.parametrize(
    ("text", "name", "title", "domain"),
    [
        (BLOG, "blog-api", "Blog API", "content_management"),
        ("A todo app where users create tasks.", "todo-api", "Todo API", "productivity"),
        (
            "We need the backend for a small online shop with products.",
            "online-shop-api",
            "Online Shop API",
            "e_commerce",
        ),
        (
            "# Clinic booking API\n\n- Patients: name\n- Doctors: name",
            "clinic-booking-api",
            "Clinic booking API",
            "healthcare",
        ),
        ("Manage workouts and exercises.", "workouts-api", "Workouts API", "fitness"),
        ("A blog with posts and comments.", "blog-api", "Blog API", "content_management"),
    ],
)
def test_name_title_and_domain(text: str, name: str, title: str, domain: str) -> None:
    spec = parse_spec(text)
    assert (spec.name, spec.title, spec.domain) == (name, title, domain)


def test_description_is_the_persons_text() -> None:
    assert parse_spec(f"  {BLOG}\n").description == BLOG


def test_two_described_entities_sharing_a_last_word_stay_two() -> None:
    spec = parse_spec("- Items: name, sku\n- Order items: quantity")
    assert entity_names(spec) == {"Item", "OrderItem"}
