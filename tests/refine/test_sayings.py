"""The ways reviewers say things (pipeline/refine/sayings.py), and what they do to a spec."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
from pipeline.refine.engine import OutcomeStatus, RefineOutcome, _account_line
from pipeline.refine.sayings import is_lead_in, resolve_pronoun, say_plainly
from pipeline.spec import FieldType, RelationKind
from tests.refine.helpers import start


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("products should have a condition, either new or used",
         "add a condition (one of new|used) to products"),
        ("add currency to products: one of eur, usd, gbp (default eur)",
         "add currency (one of eur|usd|gbp) (default eur) to products"),
        ("add a likes count to posts (integer, default 0)",
         "add a likes count (integer, default 0) to posts"),
        ("add min_stock: int = 0 to product", "add min_stock (integer, default 0) to product"),
        ("doctor.phone -> optional", "make doctor.phone optional"),
        ("notes -> description", "rename notes to description"),
        ("comment.body max 1000 chars", "comment.body must be at most 1000 characters"),
        ("event.capacity must be >= 1", "event.capacity must be at least 1"),
        ("set the default priority to medium", "priority should default to medium"),
        ("loans shouldn't really be deleted, just hidden", "loans should be soft deleted"),
        ("you must be logged in to read comments", "only signed in users can see comments"),
        ("what about a genre field on books", "add a genre field to books"),
        ("posts.title unique", "make posts.title unique"),
        ("sku -> optional, price -> float", "make sku optional\nprice should be a float"),
        ("comments: body max 300", "comments.body must be at most 300"),
        ("lists.color: default 'grey'", "lists.color should default to grey"),
        ("new field on orders: shipped_at (datetime, nullable)",
         "add shipped_at (datetime, optional) to orders"),
        ("reply: rename sent_at -> created", "rename sent_at to created on reply"),
        ("published_at on posts", "add published_at to posts"),
        ("a task's title can't be longer than 80 characters",
         "a task's title must be at most 80 characters"),
    ],
)  # fmt: skip
def test_a_saying_becomes_the_form_the_readers_know(said: str, plain: str) -> None:
    assert say_plainly(said) == plain


def test_a_status_that_can_be_a_list_is_left_to_the_list_reader() -> None:
    said = "add a status to orders that can be pending, paid or shipped"
    assert say_plainly(said) == said


def test_a_length_after_a_new_field_becomes_a_sentence_of_its_own() -> None:
    said = say_plainly("appointments should have a reason, max 200 characters")
    assert said.split("\n") == [
        "appointments should have a reason",
        "the reason of appointments must be at most 200 characters",
    ]


def test_it_is_the_field_just_named_or_else_the_entity() -> None:
    assert resolve_pronoun("it must be unique", entity="Post", field="slug") == (
        "the slug of posts must be unique"
    )
    assert resolve_pronoun("only the author can edit it", entity="Comment", field=None) == (
        "only the author can edit comments"
    )
    assert resolve_pronoun("it must be unique", entity=None, field=None) == "it must be unique"


def test_lead_in_lines_are_not_instructions_but_entity_names_are() -> None:
    assert is_lead_in("Two things:") and is_lead_in("also:")
    assert not is_lead_in("remove comments")


def test_likes_with_a_type_and_default_is_a_field_never_an_entity() -> None:
    spec = refine_spec(start("blog"), "add likes (integer, default 0) to posts").spec
    assert spec.entity("Post").field("likes") is not None
    assert spec.entity("Post").field("likes").type is FieldType.INTEGER  # type: ignore[union-attr]
    assert all(e.name != "Like" for e in spec.entities)


def test_it_after_a_new_field_makes_that_field_unique() -> None:
    done = refine_spec(start("blog"), "add a slug to posts, it must be unique")
    slug = done.spec.entity("Post").field("slug")
    assert done.applied and slug is not None and slug.unique


def test_a_relation_to_a_missing_noun_makes_the_entity() -> None:
    spec = refine_spec(start("inventory"), "warehouses belong to a company").spec
    company = spec.entity("Company")
    assert [f.name for f in company.fields] == ["name"]
    assert any(
        r.kind is RelationKind.MANY_TO_ONE and (r.source, r.target) == ("Warehouse", "Company")
        for r in spec.relations
    )


def test_a_known_field_named_again_takes_its_new_properties() -> None:
    done = refine_spec(start("blog"), "Posts have many tags. Tags have a unique name and a color.")
    tag = done.spec.entity("Tag")
    assert done.applied and [f.name for f in tag.fields] == ["name", "color"]
    assert tag.field("name").unique  # type: ignore[union-attr]


def test_a_reserved_field_is_already_there_not_a_crash() -> None:
    done = refine_spec(
        start("blog"), "1. add a published boolean to posts\n2. comments need a created_at datetime"
    )
    assert done.applied
    assert spec_operations(start("blog"), done.spec) == [
        {"op": "add_field", "entity": "Post", "field": "published", "type": "boolean", "default": False}
    ]  # fmt: skip


def test_a_comment_with_one_unreadable_change_applies_none_and_numbers_the_question() -> None:
    done = refine_spec(
        start("shop"), "make the price a float and add a sale flag to products. make it pop"
    )
    assert not done.applied and done.spec == start("shop") and done.questions
    understood = [_account_line(n) for n in done.sentences]
    assert "float" in understood[0]  # what was understood is still shown
    reply = RefineOutcome(status=OutcomeStatus.UNCHANGED, instruction="x", understood=understood,
                          errors=[*done.questions, "Please rephrase."]).to_markdown()  # fmt: skip
    assert "1. `make" in reply and "Nothing was changed" in reply


def test_a_permission_that_is_already_so_changes_nothing() -> None:
    done = refine_spec(start("blog"), "only admins may delete comments or posts")
    assert not done.applied and done.spec == start("blog")


def test_a_clause_no_reader_knows_is_read_by_the_issue_parser_for_its_additions() -> None:
    from pipeline.refine.editor import SpecEditor
    from pipeline.refine.understood import understood_changes

    editor = SpecEditor(start("shop"))
    changes = understood_changes(
        editor, "each product has a price in euros and a discount percentage"
    )
    assert changes and editor.spec().entity("Product").field("discount_percentage") is not None
    assert editor.spec().roles == start("shop").roles  # nothing the sentence did not say is lost


def test_the_issue_parser_reading_makes_no_entity_of_a_vague_sentence() -> None:
    from pipeline.refine.editor import SpecEditor
    from pipeline.refine.understood import understood_changes

    editor = SpecEditor(start("library"))
    assert understood_changes(editor, "library needs improvements") is None
    assert editor.spec() == start("library")


def test_only_the_owner_may_see_makes_the_rows_private() -> None:
    before = start("shop")
    after = refine_spec(
        before, "Each order has a buyer (a user); only the buyer may see an order."
    ).spec
    order = after.entity("Order")
    assert order.owner == "buyer" and order.read.value == "owner"


def test_a_value_added_to_a_dotted_enum_field() -> None:
    after = refine_spec(start("shop"), "Order.status: add refunded").spec
    assert after.entity("Order").field("status").choices[-1] == "refunded"  # type: ignore[union-attr]


def test_a_passive_permission_names_the_roles() -> None:
    before = start("shop")
    after = refine_spec(before, "Orders should be editable only by admins").spec
    assert spec_operations(before, after) == [
        {"op": "add_permission", "entity": "Order", "actions": ["update"], "roles": ["admin"]}
    ]
