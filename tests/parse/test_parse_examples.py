"""Every file in examples/ parses to a valid spec with the entities a reader would expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.normalize import normalize
from pipeline.parse import parse_spec
from pipeline.spec import ProjectSpec
from tests.parse.helpers import entity_names, permissions, relations, uploads

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

EXPECTED = {
    "blog.md": {"User", "Post", "Comment"},
    "todo.md": {"User", "List", "Task"},
    "shop.md": {"User", "Customer", "Product", "Category", "Order"},
    "clinic.md": {"User", "Doctor", "Patient", "Appointment"},
    "library.md": {"User", "Book", "Author", "Member", "Loan"},
    "events.md": {"User", "Event", "Ticket", "Speaker"},
    "recipes.md": {"User", "Recipe", "Cuisine", "Review"},
    "inventory.md": {"Warehouse", "Product", "StockMovement"},
    "petstore.md": {"Pet", "Owner"},
    "project.md": {"User", "Project", "Milestone", "Task"},
    "helpdesk.md": {"User", "Ticket", "Reply"},
    "fitness.md": {"Member", "Workout", "Exercise", "BodyMeasurement"},
    "hotel.md": {"User", "Room", "Booking"},
    "notes.md": {"Note"},
}


def test_every_example_is_listed() -> None:
    assert {p.name for p in EXAMPLES.iterdir()} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_parses_to_a_valid_spec(name: str) -> None:
    spec = parse_spec((EXAMPLES / name).read_text())
    assert entity_names(spec) == EXPECTED[name]
    assert 1 <= len(spec.entities) <= 6
    assert ProjectSpec.from_yaml(spec.to_yaml()) == spec
    if spec.roles:
        safe = normalize(spec)[0]
        assert safe.default_role != safe.roles[0], "sign-ups never get the privileged role"


def read(name: str) -> ProjectSpec:
    return parse_spec((EXAMPLES / name).read_text())


def test_blog_is_the_seed_sentence() -> None:
    spec = read("blog.md")
    assert spec.description == (
        "Build a blog API with posts, comments, and user authentication. Use FastAPI, "
        "PostgreSQL, and JWT. Include file upload for post images and an admin dashboard with RBAC."
    )
    assert (spec.name, spec.auth.value, spec.roles) == ("blog-api", "jwt", ["admin", "user"])
    assert uploads(spec) == {("Post", "image")}
    assert relations(spec) == {("many_to_one", "Comment", "Post")}


def test_shop_order_status_is_an_enum() -> None:
    status = read("shop.md").entity("Order").field("status")
    assert status is not None and status.choices == ["pending", "shipped", "received"]


def test_events_only_admins_create_events() -> None:
    spec = read("events.md")
    assert ("Event", ("create",), ("admin",)) in permissions(spec)
    assert ("many_to_one", "Ticket", "Event") in relations(spec)


def test_recipes_template_context() -> None:
    spec = read("recipes.md")
    assert (spec.domain, spec.database.value) == ("food", "sqlite")
    assert uploads(spec) == {("Recipe", "photo")}
    assert spec.features.uploads[0].max_size_mb == 5


def test_library_parenthesised_fields() -> None:
    book = read("library.md").entity("Book")
    assert [f.name for f in book.fields] == ["title", "isbn", "published_year", "number_of_pages"]


def test_clinic_nested_choices() -> None:
    status = read("clinic.md").entity("Appointment").field("status")
    assert status is not None and status.choices == ["booked", "completed", "cancelled"]


def test_helpdesk_roles_and_rules() -> None:
    spec = read("helpdesk.md")
    assert spec.roles == ["admin", "agent", "customer"]
    assert ("Ticket", ("update",), ("admin", "agent")) in permissions(spec)


def test_hotel_openapi_json_paths() -> None:
    booking = read("hotel.md").entity("Booking")
    assert (booking.path, booking.id_param) == ("/bookings", "booking_id")
    assert [op.value for op in booking.operations] == ["create", "list", "read", "delete"]
