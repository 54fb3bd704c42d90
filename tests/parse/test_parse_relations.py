"""Relations: stated in sentences, written as field items, or implied by obvious nesting."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import field_types, relations

M2O, M2M = "many_to_one", "many_to_many"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orders and customers. Each order belongs to a customer.", {(M2O, "Order", "Customer")}),
        ("Books and authors. Authors have many books.", {(M2O, "Book", "Author")}),
        ("A customer can have many orders.", {(M2O, "Order", "Customer")}),
        ("Tasks reference a project.", {(M2O, "Task", "Project")}),
        ("Posts are written by authors.", {(M2O, "Post", "Author")}),
        ("Posts have many tags.", {(M2M, "Post", "Tag")}),
        ("Students and courses are many-to-many.", {(M2M, "Student", "Course")}),
        ("Products can belong to many categories.", {(M2M, "Product", "Category")}),
        ("A blog API with posts and comments on posts.", {(M2O, "Comment", "Post")}),
        ("Manage products and reviews of products.", {(M2O, "Review", "Product")}),
        ("Events and tickets for events.", {(M2O, "Ticket", "Event")}),
        ("- Books: title, author\n- Authors: name", {(M2O, "Book", "Author")}),
        ("- Payments: amount, invoice_id\n- Invoices: number", {(M2O, "Payment", "Invoice")}),
        ("- Loans: book id, due date\n- Books: title", {(M2O, "Loan", "Book")}),
        ("- Orders: total, belongs to a customer\n- Customers: name", {(M2O, "Order", "Customer")}),
        ("- Authors: name, many books\n- Books: title", {(M2O, "Book", "Author")}),
        (
            "A loan references a book and a member.",
            {(M2O, "Loan", "Book"), (M2O, "Loan", "Member")},
        ),
        ("A blog with posts and comments.", {(M2O, "Comment", "Post")}),
        (
            "Patients, doctors and appointments.",
            {(M2O, "Appointment", "Patient"), (M2O, "Appointment", "Doctor")},
        ),
        ("Projects and tasks.", {(M2O, "Task", "Project")}),
        ("Posts and tags.", {(M2M, "Post", "Tag")}),
        (
            "Patients book appointments with doctors. Patients have a name.",
            {(M2O, "Appointment", "Doctor"), (M2O, "Appointment", "Patient")},
        ),
    ],
)
def test_relations(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert relations(parse_spec(text)) == expected


def test_a_named_reference_keeps_its_name() -> None:
    spec = parse_spec("Users log in.\n- Tickets: title, assignee (user, optional), reporter (user)")
    named = {(r.name, r.target, r.required) for r in spec.relations}
    assert named == {("assignee", "User", False), ("reporter", "User", True)}


def test_optional_belongs_to() -> None:
    spec = parse_spec(
        "Employees and departments. Each employee optionally belongs to a department."
    )
    assert [r.required for r in spec.relations] == [False]


def test_parent_of_the_same_entity_is_optional() -> None:
    spec = parse_spec("- Categories: name, parent category")
    (relation,) = spec.relations
    assert (relation.source, relation.target, relation.name, relation.required) == (
        "Category",
        "Category",
        "parent",
        False,
    )


def test_a_loop_of_required_keys_is_broken() -> None:
    spec = parse_spec(
        "Each team belongs to a league. Each league belongs to a region. "
        "Each region belongs to a team."
    )
    assert sorted(r.required for r in spec.relations) == [False, True, True]


def test_a_required_key_to_the_same_entity_is_optional() -> None:
    spec = parse_spec("- Employees: name, manager (employee)")
    assert [(r.name, r.required) for r in spec.relations] == [("manager", False)]


def test_a_relation_wins_over_a_field_of_its_name() -> None:
    spec = parse_spec("- Comments: body, post\n- Posts: title")
    assert [f.name for f in spec.entity("Comment").fields] == ["body"]
    assert relations(spec) == {(M2O, "Comment", "Post")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A library API where members book classes. Members have a name and email. Classes "
            "have a title and a start time.",
            {(M2M, "Member", "LibraryClass")},
        ),
        (
            "Members can book classes. Members have a name. Classes have a title.",
            {(M2M, "Member", "AppClass")},
        ),
        ("Customers rent cars. Cars have a make and a model.", {(M2M, "Customer", "Car")}),
        # a join entity already links the two: no second link beside it
        (
            "Members book classes. Bookings belong to a member and a class.",
            {(M2O, "Booking", "Member"), (M2O, "Booking", "AppClass")},
        ),
    ],
)
def test_subjects_that_book_things_share_them(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert relations(parse_spec(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Students enroll in courses.", {(M2M, "Student", "Course")}),
        ("Members attend events.", {(M2M, "Member", "Event")}),
        ("Users join groups. Groups have a name. Users have a name.", {(M2M, "User", "Group")}),
        (
            "Readers can subscribe to newsletters. Newsletters have a title. Readers have an "
            "email.",
            {(M2M, "Reader", "Newsletter")},
        ),
        (
            "Members attend events and classes. Classes have a title.",
            {(M2M, "Member", "Event"), (M2M, "Member", "AppClass")},
        ),
        # one plan each: no many-to-many
        ("Users subscribe to a plan. Plans have a price. Users have a name.", set()),
        # an Enrollment already joins the two
        (
            "Students enroll in courses. Enrollments have a date.",
            {(M2O, "Enrollment", "Student"), (M2O, "Enrollment", "Course")},
        ),
        # readers is no entity: nothing to link
        ("Readers subscribe to newsletters. Newsletters have a title.", set()),
    ],
)
def test_subjects_that_join_things_share_them(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert relations(parse_spec(text)) == expected


def test_a_joined_list_ends_at_the_next_verb() -> None:
    spec = parse_spec("Members attend events and book rooms. Rooms have a name.")
    assert (M2M, "Member", "Event") in relations(spec)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Authors write posts. Authors have a name.", {("Post", "author", "Author")}),
        (
            "Users leave reviews on movies. Movies have a title. Users sign up and log in.",
            {("Review", "movie", "Movie"), ("Review", "user", "User")},
        ),
        (
            "Companies can post jobs. Jobs have a title. Companies have a name.",
            {("Job", "company", "Company")},
        ),
        # linked already: the order's customer, once
        ("Customers place orders.", {("Order", "customer", "Customer")}),
        # no User entity without sign-in: nothing to link to
        ("Users write posts.", set()),
    ],
)
def test_what_is_made_belongs_to_its_maker(text: str, expected: set[tuple[str, str, str]]) -> None:
    spec = parse_spec(text)
    assert {r.kind.value for r in spec.relations} <= {M2O}
    assert {(r.source, r.name, r.target) for r in spec.relations} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Members book sessions with trainers. Trainers have a name.",
            {(M2O, "Session", "Trainer"), (M2M, "Member", "Session")},
        ),
        (
            "Users schedule meetings with clients. Clients have a name and an email.",
            {(M2O, "Meeting", "Client")},
        ),
        (
            "Patients book appointments with doctors.",
            {(M2O, "Appointment", "Doctor"), (M2O, "Appointment", "Patient")},
        ),
    ],
)
def test_what_is_booked_with_someone_is_theirs(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert relations(parse_spec(text)) == expected


def test_what_is_booked_with_something_else_keeps_it_as_a_field() -> None:
    spec = parse_spec("Members borrow books with due dates. Books have a title.")
    assert relations(spec) == {(M2M, "Member", "Book")}
    assert "DueDate" not in {e.name for e in spec.entities}


def test_a_field_on_another_entity_is_a_field_and_a_link() -> None:
    spec = parse_spec(
        "A movie review API: users leave reviews with a rating and a comment on movies. Movies "
        "have a title and year."
    )
    assert field_types(spec, "Review") == {"rating": "float", "comment": "text"}
    assert relations(spec) == {(M2O, "Review", "Movie")}


def test_stated_relations_replace_the_implied_ones() -> None:
    spec = parse_spec("Posts, tasks and comments. Comments belong to tasks.")
    assert relations(spec) == {(M2O, "Comment", "Task")}
