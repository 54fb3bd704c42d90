"""General rules of reading a review comment, each shown on comments written for these tests
(not corpus items): the whole-sentence parser reading, "have many" with a new entity, the order
sentences are read in, bare properties after a field, links inside an entity's field list."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
from pipeline.refine.properties import bare_property
from pipeline.spec import Access, ProjectSpec, RelationKind, RuleKind
from tests.refine.helpers import start


def _relations(spec: ProjectSpec) -> set[tuple[str, str, str]]:
    return {(r.kind.value, r.source, r.target) for r in spec.relations}


def test_a_sentence_the_readers_miss_is_read_whole_by_the_issue_parser() -> None:
    done = refine_spec(
        start("inventory"),
        "We also need suppliers (name, email, phone) and each product comes from one supplier.",
    )
    assert not done.questions
    supplier = done.spec.entity("Supplier")
    assert [f.name for f in supplier.fields] == ["name", "email", "phone"]
    assert ("many_to_one", "Product", "Supplier") in _relations(done.spec)


def test_the_parser_reading_makes_no_entity_that_nothing_links_to() -> None:
    done = refine_spec(start("blog"), "posts need some love")
    assert all(e.name in ("User", "Post", "Comment") for e in done.spec.entities)


@pytest.mark.parametrize(
    ("name", "text", "pair"),
    [
        ("todo", "lists have many labels", ("List", "Label")),
        ("library", "Could members have many badges? A badge is a name and an icon url.",
         ("Member", "Badge")),
    ],
)  # fmt: skip
def test_have_many_of_a_new_entity_is_many_to_many(
    name: str, text: str, pair: tuple[str, str]
) -> None:
    done = refine_spec(start(name), text)
    assert not done.questions
    assert ("many_to_many", *pair) in _relations(done.spec)


@pytest.mark.parametrize(
    "text",
    [
        "Only the reviewer may edit a speaker. Each speaker has a reviewer (a user).",
        "Only the reviewer may edit a speaker: each speaker has a reviewer (a user).",
    ],
)
def test_a_link_named_after_the_rule_that_uses_it_is_no_role(text: str) -> None:
    done = refine_spec(start("events"), text)
    assert not done.questions
    assert "reviewer" not in done.spec.roles
    speaker = done.spec.entity("Speaker")
    assert speaker.owner == "reviewer"
    assert any(r.source == "Speaker" and r.name == "reviewer" for r in done.spec.relations)


def test_an_entity_made_after_the_sentence_that_uses_it_is_linked_not_a_field() -> None:
    done = refine_spec(
        start("todo"), "every task has one project - add a Project with a name and a deadline"
    )
    assert not done.questions
    assert done.spec.entity("Task").field("project") is None
    assert ("many_to_one", "Task", "Project") in _relations(done.spec)


def test_reading_again_keeps_the_account_in_the_order_written() -> None:
    text = "Only the reviewer may edit a speaker. Each speaker has a reviewer (a user)."
    done = refine_spec(start("events"), text)
    assert [n.text for n in done.sentences] == [
        "Only the reviewer may edit a speaker.",
        "Each speaker has a reviewer (a user).",
    ]


@pytest.mark.parametrize(
    ("piece", "sentence"),
    [
        ("optional", "it should be optional"),
        ("true by default", "it should default to true"),
        ("starting at 1", "it should default to 1"),
        ("60 characters max", "it should be at most 60 characters"),
        ("never more than 9", "it should be at most 9"),
        ("2 to 8", "it should be between 2 and 8"),
        ("exactly 6 digits", "it must be exactly 6 digits"),
        ("and never empty", "it must not be blank"),
        ("tasks have many labels", None),
        ("add a slug", None),
    ],
)
def test_a_bare_property_is_a_sentence_about_it(piece: str, sentence: str | None) -> None:
    assert bare_property(piece) == sentence


def test_bare_properties_after_a_new_field_apply_to_that_field() -> None:
    done = refine_spec(start("todo"), "Lists should get a `code`, unique, exactly 6 characters.")
    assert not done.questions
    code = done.spec.entity("List").field("code")
    assert code is not None and code.unique
    length = [r for r in done.spec.rules if r.kind is RuleKind.LENGTH]
    assert [(r.entity, r.field, r.min, r.max) for r in length] == [("List", "code", 6, 6)]


def test_a_default_and_a_bound_after_an_existing_field_both_apply() -> None:
    done = refine_spec(
        start("inventory"), "the capacity should default to 100 and never be more than 5000"
    )
    assert not done.questions
    assert done.spec.entity("Warehouse").field("capacity").default == 100  # type: ignore[union-attr]
    ranges = [(r.entity, r.field, r.max) for r in done.spec.rules if r.kind is RuleKind.RANGE]
    assert ranges == [("Warehouse", "capacity", 5000)]


def test_a_range_then_optional_after_a_new_field() -> None:
    done = refine_spec(start("todo"), "tasks need an effort score, 1 to 10, optional")
    assert not done.questions
    ops = spec_operations(start("todo"), done.spec)
    added = [o for o in ops if o["op"] == "add_field"]
    assert added == [{"op": "add_field", "entity": "Task", "field": "effort_score",
                      "type": "integer", "required": False}]  # fmt: skip
    assert any(r.kind is RuleKind.RANGE and r.field == "effort_score" for r in done.spec.rules)


def test_a_link_in_an_entity_field_list_is_a_relation() -> None:
    done = refine_spec(start("shop"), "add invoices: a number, an amount, belongs to an order")
    assert not done.questions
    invoice = done.spec.entity("Invoice")
    assert [f.name for f in invoice.fields] == ["number", "amount"]
    assert ("many_to_one", "Invoice", "Order") in _relations(done.spec)


def test_users_editing_their_own_rows_names_the_link_for_them() -> None:
    done = refine_spec(start("blog"), "users should only be able to delete their own comments")
    comment = done.spec.entity("Comment")
    assert comment.owner == "user"
    assert any(
        r.source == "Comment" and r.target == "User" and r.name == "user"
        for r in done.spec.relations
    )


def test_their_owner_is_the_link_that_owns_the_rows_already() -> None:
    done = refine_spec(start("todo"), "lists are private. only their owner can see them")
    assert not done.questions
    lists = done.spec.entity("List")
    assert lists.owner == "user" and lists.read is Access.OWNER
    assert not any(r.name == "owner" for r in done.spec.relations)
    assert RelationKind.MANY_TO_ONE in {r.kind for r in done.spec.relations}


@pytest.mark.parametrize(
    ("name", "text", "rules"),
    [
        ("todo", "Lists should be soft deleted, and the same for tasks.",
         {("soft_delete", "List", ""), ("soft_delete", "Task", "")}),
        ("events", "Speaker names must not be blank, and websites neither.",
         {("not_blank", "Speaker", "name"), ("not_blank", "Speaker", "website")}),
    ],
)  # fmt: skip
def test_the_same_for_another_thing_repeats_the_clause_before(
    name: str, text: str, rules: set[tuple[str, str, str]]
) -> None:
    done = refine_spec(start(name), text)
    assert not done.questions
    assert {(r.kind.value, r.entity, r.field) for r in done.spec.rules} == rules


def test_a_field_named_with_too_gets_the_same_change() -> None:
    done = refine_spec(start("clinic"), "make the specialty optional, and phone too")
    assert not done.questions
    doctor = done.spec.entity("Doctor")
    assert not doctor.field("specialty").required  # type: ignore[union-attr]
    assert not doctor.field("phone").required  # type: ignore[union-attr]


def test_a_comparison_sign_before_a_number_is_a_bound() -> None:
    done = refine_spec(
        start("library"), "- books: number_of_pages >= 1\n- loans: add a fee (decimal)"
    )
    ranges = [(r.entity, r.field, r.min) for r in done.spec.rules if r.kind is RuleKind.RANGE]
    assert ranges == [("Book", "number_of_pages", 1)]


def test_its_field_after_a_clause_is_that_clause_s_entity() -> None:
    done = refine_spec(
        start("library"), "a loan should have a fee (decimal), and its due date must be optional"
    )
    assert not done.questions
    assert done.spec.entity("Loan").field("fee") is not None
    assert not done.spec.entity("Loan").field("due_date").required  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text", ["keep the city to 40 characters max", "cap the city at 40 characters"]
)
def test_keep_or_cap_a_field_to_a_number_is_a_limit(text: str) -> None:
    done = refine_spec(start("inventory"), text)
    assert not done.questions
    assert [(r.kind, r.field, r.max) for r in done.spec.rules] == [(RuleKind.LENGTH, "city", 40)]


@pytest.mark.parametrize(
    "text",
    [
        "Tasks should require a login to view. Lists stay public.",
        "could tasks need a login to see them?",
    ],
)
def test_requiring_a_login_to_view_makes_rows_signed_in_only(text: str) -> None:
    done = refine_spec(start("todo"), text)
    assert not done.questions
    assert done.spec.entity("Task").read is Access.SIGNED_IN
