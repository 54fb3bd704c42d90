"""`refine_spec`: a reviewer's comment applied whole or not at all, with an account per sentence."""

from __future__ import annotations

import pytest

from pipeline.parse.account import SentenceStatus
from pipeline.refine import refine_spec
from pipeline.spec import Access, RelationKind, RuleKind
from tests.refine.helpers import start


def test_every_sentence_is_accounted_for() -> None:
    done = refine_spec(
        start("blog"), "Nice work! Add a published flag to posts. Posts have many tags."
    )
    statuses = [n.status for n in done.sentences]
    assert statuses == [SentenceStatus.CONTEXT, SentenceStatus.USED, SentenceStatus.USED]
    assert done.sentences[2].became[0].startswith("added entity Tag")


def test_one_sentence_not_understood_applies_nothing() -> None:
    spec = start("blog")
    done = refine_spec(spec, "add a published flag to posts. make it sparkle")
    assert done.spec == spec and done.changes == [] and not done.applied
    assert done.sentences[0].became  # what was understood is still shown
    assert done.sentences[1].status is SentenceStatus.NOT_UNDERSTOOD
    assert "make it sparkle" in done.questions[0]


def test_a_change_the_spec_has_already_is_a_note_not_a_failure() -> None:
    done = refine_spec(start("shop"), "products have many categories")
    assert done.changes == [] and "already" in done.questions[0]


def test_the_authors_example_makes_owners_not_a_role() -> None:
    text = (
        "Each post has an author (a user); only the author may edit a post. "
        "Comments have an author too."
    )
    spec = refine_spec(start("blog"), text).spec
    assert spec.entity("Post").owner == "author" and spec.entity("Comment").owner == "author"
    assert "author" not in spec.roles
    assert spec.entity("Comment").field("author_too") is None


def test_users_seeing_only_their_own_rows_sets_owner_and_read_access() -> None:
    spec = refine_spec(start("todo"), "users should only see their own lists").spec
    assert spec.entity("List").owner == "user" and spec.entity("List").read is Access.OWNER


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("blog", "comments should have a rating from 1 to 5", RuleKind.RANGE),
        ("blog", "titles should be at most 120 characters", RuleKind.LENGTH),
        ("todo", "titles of tasks must not be blank", RuleKind.NOT_BLANK),
        ("todo", "lists should have a unique name per user", RuleKind.UNIQUE),
        ("shop", "order status can only go from pending to shipped", RuleKind.TRANSITION),
        ("blog", "could comments be soft deleted instead of removed?", RuleKind.SOFT_DELETE),
    ],
)
def test_business_rules_are_read(name: str, text: str, kind: RuleKind) -> None:
    done = refine_spec(start(name), text)
    assert done.applied and [r.kind for r in done.spec.rules] == [kind]


def test_typos_are_read_as_the_word_they_miss() -> None:
    spec = refine_spec(start("inventory"), "add a unique barcode to prodcuts").spec
    field = spec.entity("Product").field("barcode")
    assert field is not None and field.unique


def test_a_word_one_letter_from_a_field_is_not_changed_into_it() -> None:
    spec = refine_spec(start("library"), "add a Publisher entity (name, country)").spec
    assert "Publisher" in [e.name for e in spec.entities]


def test_have_many_between_existing_entities_is_many_to_many() -> None:
    spec = refine_spec(start("inventory"), "warehouses have many products").spec
    assert any(
        r.kind is RelationKind.MANY_TO_MANY and {r.source, r.target} == {"Warehouse", "Product"}
        for r in spec.relations
    )


def test_have_many_a_child_makes_it_belong_to_the_parent() -> None:
    spec = refine_spec(start("shop"), "an order has many line items").spec
    assert any(
        r.kind is RelationKind.MANY_TO_ONE and (r.source, r.target) == ("LineItem", "Order")
        for r in spec.relations
    )


def test_an_enum_field_is_added_with_its_choices() -> None:
    spec = refine_spec(
        start("events"), "events should have a status: draft, published or cancelled"
    )
    status = spec.spec.entity("Event").field("status")
    assert status is not None and status.choices == ["draft", "published", "cancelled"]


@pytest.mark.parametrize(
    "text", ["add more stuff", "can you add some fields to posts?", "add security"]
)
def test_a_vague_addition_is_asked_about_not_built(text: str) -> None:
    spec = start("blog")
    done = refine_spec(spec, text)
    assert done.spec == spec and "too vague" in done.questions[0]


def test_instead_of_replaces_the_relation() -> None:
    spec = refine_spec(start("shop"), "orders should belong to a user instead of a customer").spec
    ends = {(r.source, r.target) for r in spec.relations}
    assert ("Order", "User") in ends and ("Order", "Customer") not in ends


def test_have_many_where_there_was_one_becomes_many_to_many() -> None:
    spec = refine_spec(start("library"), "books can have many authors").spec
    between = [r for r in spec.relations if {r.source, r.target} == {"Book", "Author"}]
    assert [r.kind for r in between] == [RelationKind.MANY_TO_MANY]
