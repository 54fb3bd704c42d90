"""Auth, roles and permissions; uploads; database and list features."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec, parse_spec_with_notes
from tests.parse.helpers import permissions, uploads


@pytest.mark.parametrize(
    ("text", "auth"),
    [
        ("A notes API. Users log in with JWT.", "jwt"),
        ("A notes API where people sign up.", "jwt"),
        ("A notes API with user authentication.", "jwt"),
        ("Notes API; login required.", "jwt"),
        ("A notes API with user accounts.", "jwt"),
        ("- Users: email, password\n- Notes: title", "jwt"),
        ("A notes API, no authentication needed.", "none"),
        ("A public API for notes without login.", "none"),
        ("A notes API.", "none"),
        ("Only admins can delete notes.", "jwt"),
    ],
)
def test_auth(text: str, auth: str) -> None:
    assert parse_spec(text).auth.value == auth


def test_auth_user_has_a_unique_email_and_no_password_column() -> None:
    spec, notes = parse_spec_with_notes("- Users: email, password, display name\n- Notes: title")
    user = spec.entity("User")
    assert [f.name for f in user.fields] == ["email", "display_name"]
    assert user.field("email").unique
    assert any("password" in n for n in notes)


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("A blog with posts. RBAC.", ["admin", "user"]),
        ("A blog with posts and an admin dashboard.", ["admin", "user"]),
        ("Posts API with role-based access control.", ["admin", "user"]),
        ("Posts API. Roles: admin, editor, viewer.", ["admin", "editor", "viewer"]),
        ("Posts API with viewer, editor and admin roles.", ["admin", "editor", "viewer"]),
        (
            "Only organizers can create events. Attendees can buy tickets.",
            ["organizer", "attendee"],
        ),
        ("Only admins can create events.", ["admin", "user"]),
        ("Only moderators can delete comments on posts.", ["moderator", "user"]),
        (
            "Users log in.\n- Users: email, role (admin or member)\n- Notes: title",
            ["admin", "member"],
        ),
        ("A notes API with login.", []),
    ],
)
def test_roles_most_privileged_first(text: str, roles: list[str]) -> None:
    spec = parse_spec(text)
    assert spec.roles == roles
    if roles:
        assert spec.auth.value == "jwt" and spec.default_role == roles[-1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Events API. Only admins can create events.", {("Event", ("create",), ("admin",))}),
        ("Events can only be deleted by admins.", {("Event", ("delete",), ("admin",))}),
        (
            "Only admins can create, edit and delete products and categories.",
            {
                ("Product", ("create", "update", "delete"), ("admin",)),
                ("Category", ("create", "update", "delete"), ("admin",)),
            },
        ),
        (
            "Deleting comments is restricted to moderators.",
            {("Comment", ("delete",), ("moderator",))},
        ),
        (
            "Only librarians can add or remove books.",
            {("Book", ("create", "delete"), ("librarian",))},
        ),
        ("Only editors may publish articles.", {("Article", ("create",), ("editor",))}),
        ("Only staff can manage rooms.", {("Room", ("create", "update", "delete"), ("staff",))}),
        (
            "Roles: admin, editor. Only editors can update pages.",
            {("Page", ("update",), ("admin", "editor"))},
        ),
        (
            "A blog with posts and comments and an admin dashboard.",
            set(),  # no rules named: creators and the admin change rows (owners, issue 12)
        ),
        (
            "Posts and comments. Only admins can manage everything.",
            {
                ("Post", ("create", "update", "delete"), ("admin",)),
                ("Comment", ("create", "update", "delete"), ("admin",)),
            },
        ),
        ("Only logged-in users can create posts.", set()),
    ],
)
def test_permissions(
    text: str, expected: set[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> None:
    assert permissions(parse_spec(text)) == expected


def test_declared_roles_without_rules_leave_rows_to_their_creators() -> None:
    """No invented "only admin may delete": a creator may delete their own post (issue 12);
    the roles still decide who manages users, and the notes say so."""
    spec, notes = parse_spec_with_notes("Users, posts and comments, with RBAC.")
    assert spec.roles[0] == "admin" and not spec.permissions
    assert any("only the admin manages users" in n for n in notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A blog with posts. Include file upload for post images.", {("Post", "image")}),
        ("Posts API. Users can upload images for posts.", {("Post", "image")}),
        ("Users log in; users can upload an avatar. Notes too.", {("User", "avatar")}),
        ("Expenses API. Upload receipts for expenses, up to 2 MB.", {("Expense", "receipt")}),
        ("Products API with product photo uploads.", {("Product", "photo")}),
        ("Books with a cover image upload for each book.", {("Book", "cover_image")}),
        ("- Books: title, cover (file)", {("Book", "cover")}),
        ("A tickets API with file uploads.", {("Ticket", "attachment")}),
    ],
)
def test_uploads(text: str, expected: set[tuple[str, str]]) -> None:
    spec = parse_spec(text)
    assert uploads(spec) == expected
    for entity, field in expected:
        file_field = spec.entity(entity).field(field)
        assert file_field is not None and file_field.type.value == "file"
        assert not file_field.required


def test_upload_size_and_image_types() -> None:
    (upload,) = parse_spec("Expenses. Upload photos for expenses, max 3 MB.").features.uploads
    assert upload.max_size_mb == 3
    assert upload.content_types == ["image/png", "image/jpeg", "image/gif", "image/webp"]


def test_an_image_field_becomes_the_uploaded_file() -> None:
    spec = parse_spec("Posts have a title and an image. Include image uploads for posts.")
    assert [(f.name, f.type.value) for f in spec.entity("Post").fields] == [
        ("title", "string"),
        ("image", "file"),
    ]


@pytest.mark.parametrize(
    ("text", "database"),
    [
        ("A notes API using SQLite.", "sqlite"),
        ("A notes API on PostgreSQL.", "postgresql"),
        ("A notes API with Postgres.", "postgresql"),
        ("A notes API.", "postgresql"),
        ("A notes API on SQLite, not Postgres.", "sqlite"),
        ("A notes API on MySQL.", "postgresql"),
    ],
)
def test_database(text: str, database: str) -> None:
    assert parse_spec(text).database.value == database


def test_unsupported_database_is_noted() -> None:
    _, notes = parse_spec_with_notes("A notes API on MySQL.")
    assert any("mysql" in n.lower() for n in notes)


@pytest.mark.parametrize(
    ("text", "filtering", "pagination"),
    [
        ("A notes API.", False, True),
        ("A notes API; notes can be filtered by title.", True, True),
        ("A searchable notes API.", True, True),
        ("A notes API without pagination.", False, False),
    ],
)
def test_list_features(text: str, filtering: bool, pagination: bool) -> None:
    features = parse_spec(text).features
    assert (features.filtering, features.pagination) == (filtering, pagination)


@pytest.mark.parametrize(
    "sentence",
    [
        "A singer can only change their own attendance, and nobody else should see who said no.",
        "Members can only edit their own bookings, and no one else may cancel them.",
        "Tutors can only grade their own classes, and anyone else can only read them.",
    ],
)
def test_nobody_else_is_no_role(sentence: str) -> None:
    text = (
        "Users sign up. Singers, members and tutors have a name. Attendance, bookings and classes"
        f" have a date. {sentence}"
    )
    spec = parse_spec(text)
    assert not any(set(r.split("_")) & {"nobody", "one", "else", "anyone"} for r in spec.roles)


def test_other_ringers_are_ringers_not_a_role_of_their_own() -> None:
    spec = parse_spec(
        "Ringers sign up. Services have a date. Only the tower captain can create services. A "
        "ringer can only change their own answers, and other ringers should not see who said no."
    )
    assert not any(r.startswith(("other", "another")) for r in spec.roles)
