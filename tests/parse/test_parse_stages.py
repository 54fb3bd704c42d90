"""The parser's stages one by one: the linguistic layer, the entity gate, units, rules, the account."""

from __future__ import annotations

import pytest

from pipeline.parse import understand
from pipeline.parse.account import SentenceStatus
from pipeline.parse.decide import entity_rejection
from pipeline.parse.mentions import Names
from pipeline.parse.nlp import analyse, word_usage
from pipeline.parse.rules import read_rules
from pipeline.parse.units import split_units
from pipeline.spec import Access, Entity, Field, FieldType, ProjectSpec, RuleKind


def test_analyse_tags_parts_of_speech_and_lemmas() -> None:
    doc = analyse("Customers buy cakes.")
    assert [(t.lemma, t.pos) for t in doc.tokens[:3]] == [
        ("customer", "NOUN"),
        ("buy", "VERB"),
        ("cake", "NOUN"),
    ]


def test_analyse_gives_noun_chunks_and_heads() -> None:
    doc = analyse("Each enrollment has a grade.")
    chunks = [" ".join(t.text for t in doc.tokens[a:b]) for a, b in doc.chunks]
    assert chunks == ["Each enrollment", "a grade"]
    has = doc.tokens[2]
    assert doc.tokens[1].head == has.i and doc.tokens[1].dep == "nsubj"


@pytest.mark.parametrize("word", ["dont", "without", "cannot", "everybody", "up"])
def test_closed_words_never_name_an_entity(word: str) -> None:
    assert entity_rejection(word, {}) != ""


def test_a_word_used_only_as_a_verb_is_not_an_entity() -> None:
    usage = word_usage("Devices authenticate with a key.")
    assert entity_rejection("authenticate", usage) != ""
    assert entity_rejection("device", usage) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Dont let anyone delete courses. Courses have a title.",
        "Everybody can see courses. Courses have a title.",
        "Without login nobody sees courses. Courses have a title.",
    ],
)
def test_prose_gives_no_entity_from_non_nouns(text: str) -> None:
    names = {e.name for e in understand(text).spec.entities}
    assert names == {"Course"}


def test_units_split_markdown_into_headings_items_rows_and_sentences() -> None:
    text = (
        "## Orders\n- total (decimal)\n\n| field | type |\n|---|---|\n| note | text |\n\nHi. Bye."
    )
    units = split_units(text)
    assert [(u.kind, u.text) for u in units] == [
        ("heading", "Orders"),
        ("item", "total (decimal)"),
        ("row", "field | type"),
        ("row", "note | text"),
        ("sentence", "Hi."),
        ("sentence", "Bye."),
    ]
    assert all(u.heading == "Orders" for u in units)


def test_units_strip_bold_markup() -> None:
    assert split_units("- **Product**: name, price")[0].text == "Product: name, price"


def test_mentions_prefer_the_longer_entity_name() -> None:
    spec = ProjectSpec(
        name="shop",
        entities=[Entity(name="Order"), Entity(name="OrderItem", fields=[Field(name="qty")])],
    )
    assert Names.of(spec).entities("order items belong to orders") == ["OrderItem", "Order"]


def _spec(**extra: object) -> ProjectSpec:
    return ProjectSpec.model_validate(
        {
            "name": "shop",
            "entities": [
                {
                    "name": "Review",
                    "fields": [
                        {"name": "rating", "type": "integer"},
                        {"name": "comment", "type": "text"},
                    ],
                },
                {"name": "Order", "fields": [{"name": "total", "type": "decimal"}]},
            ],
            **extra,
        }
    )


def test_rules_read_a_range_and_a_length_from_one_sentence() -> None:
    units = split_units("Reviews have a rating from 1 to 5 and a comment up to 500 characters.")
    spec, found = read_rules(_spec(), units)
    got = {(r.kind, r.field, r.min, r.max) for r in spec.rules}
    assert got == {(RuleKind.RANGE, "rating", 1, 5), (RuleKind.LENGTH, "comment", None, 500)}
    assert (0, "rule range Review.rating 1..5") in found


def test_rules_read_soft_delete_and_computed() -> None:
    units = split_units("Orders are never really deleted. The order total is calculated.")
    spec, _ = read_rules(_spec(), units)
    assert {(r.kind, r.entity, r.field) for r in spec.rules} == {
        (RuleKind.SOFT_DELETE, "Order", ""),
        (RuleKind.COMPUTED, "Order", "total"),
    }


def test_their_own_makes_an_owner_and_private_reads() -> None:
    units = split_units("Customers only see their own orders.")
    spec, found = read_rules(_spec(auth="jwt"), units)
    order = spec.entity("Order")
    assert order.owner == "owner" and order.read is Access.OWNER
    assert any(r.source == "Order" and r.target == "User" for r in spec.relations)
    assert (0, "read Order: owner") in found


def test_ownership_needs_sign_in() -> None:
    spec, found = read_rules(_spec(), split_units("Customers only see their own orders."))
    assert spec.entity("Order").owner == "" and found == []


def test_a_field_phrase_with_a_range_keeps_its_name() -> None:
    spec = understand("Reviews have a rating from 1 to 5.").spec
    rating = spec.entity("Review").field("rating")
    assert rating is not None and rating.type is FieldType.INTEGER


def test_account_says_what_each_sentence_became() -> None:
    u = understand("Hi there! Orders have a total. Payments go through Stripe.")
    by_text = {a.text: a for a in u.sentences}
    assert by_text["Hi there!"].status is SentenceStatus.CONTEXT
    assert "field Order.total (decimal)" in by_text["Orders have a total."].became
    assert by_text["Payments go through Stripe."].status is SentenceStatus.NOT_SUPPORTED


def test_a_notification_channel_is_not_supported_and_no_entity() -> None:
    u = understand("Rentals have a season. Send an SMS when a rental is approved.")
    assert [e.name for e in u.spec.entities] == ["Rental"]  # no "Sm" from "SMS"
    sms = next(a for a in u.sentences if a.text.startswith("Send an SMS"))
    assert sms.status is SentenceStatus.NOT_SUPPORTED and "notifications" in sms.reason


def test_a_sentence_not_understood_becomes_a_question() -> None:
    u = understand("Books have a title and an isbn. The library wants seasonal vibes for readers.")
    assert any("seasonal vibes" in q for q in u.questions)


def test_a_permission_sentence_in_the_technical_context_is_read() -> None:
    text = (
        "### API Description:\nA blog with posts (title, body).\n\n### Technical Context:\n"
        "Tech Stack: fastapi, postgresql, jwt\nOnly admins can delete posts.\n"
    )
    spec = understand(text).spec
    assert spec.roles_for("Post", spec.permissions[0].actions[0]) == ["admin"]


def test_known_entities_resolve_to_themselves() -> None:
    known = _spec()
    spec = understand("Orders have a coupon code.", known=known).spec
    assert {e.name for e in spec.entities} == {"Review", "Order"}
    assert spec.entity("Order").field("coupon_code") is not None


def _relations(text: str) -> set[tuple[str, str, str]]:
    return {(r.kind.value, r.source, r.target) for r in understand(text).spec.relations}


def test_a_link_noun_gets_a_many_to_one_to_each_side() -> None:
    rels = _relations("Members can book classes. Each booking has a date and a status.")
    assert ("many_to_one", "Booking", "Member") in rels
    assert not any(kind == "many_to_many" for kind, _, _ in rels)


def test_a_link_noun_replaces_the_many_to_many_it_stands_for() -> None:
    rels = _relations("Users can join teams. A membership has a role and a joined date.")
    assert {("many_to_one", "Membership", "User"), ("many_to_one", "Membership", "Team")} <= rels
    assert not any(kind == "many_to_many" for kind, _, _ in rels)


def test_objects_of_a_keeping_verb_are_entities() -> None:
    spec = understand("A CRM: we track companies, contacts at those companies, and deals.").spec
    assert {"Company", "Contact", "Deal"} <= {e.name for e in spec.entities}
    assert ("many_to_one", "Contact", "Company") in {
        (r.kind.value, r.source, r.target) for r in spec.relations
    }


def test_every_sensor_sends_a_reading_makes_reading_belong_to_sensor() -> None:
    rels = _relations("Every sensor sends a reading (temperature, humidity) every minute.")
    assert ("many_to_one", "Reading", "Sensor") in rels


def test_one_review_per_customer_and_product_is_a_unique_rule_on_review() -> None:
    text = (
        "Users log in. Reviews have a rating and a comment; a review belongs to a customer and a "
        "product. One review per customer and product."
    )
    rules = understand(text).spec.rules
    assert [(r.kind, r.entity, sorted(r.fields)) for r in rules] == [
        (RuleKind.UNIQUE, "Review", ["customer", "product"])
    ]


def test_can_only_be_cancelled_from_is_a_transition() -> None:
    text = "Orders have a total and a status (pending, paid, cancelled). An order can only be "
    text += "cancelled from pending or paid."
    (rule,) = understand(text).spec.rules
    assert (rule.kind, rule.to, rule.from_values) == (
        RuleKind.TRANSITION,
        "cancelled",
        ["pending", "paid"],
    )


def test_bold_name_lines_are_entities_with_fields() -> None:
    spec = understand("**Vehicle**: plate number, model\n**Customer**: name, phone\n").spec
    assert spec.entity("Vehicle").field("plate_number") is not None
    assert spec.entity("Customer").field("phone") is not None


def test_whether_phrase_is_a_boolean_field() -> None:
    spec = understand("Each product has a name and whether it's gluten free.").spec
    field = spec.entity("Product").field("gluten_free")
    assert field is not None and field.type is FieldType.BOOLEAN


def test_a_vague_text_gets_questions_not_a_silent_guess() -> None:
    u = understand("I need an app for my business, something modern that scales.")
    assert u.questions


def test_a_field_table_under_an_application_heading_fills_application() -> None:
    text = "Candidates apply to jobs.\n\n### Application\n\n| Field | Type |\n|---|---|\n"
    text += "| cover_letter | text |\n"
    field = understand(text).spec.entity("Application").field("cover_letter")
    assert field is not None and field.type is FieldType.TEXT


def test_a_table_with_entity_and_field_columns_fills_each_rows_entity() -> None:
    text = "| Entity | Field | Type |\n|---|---|---|\n| Warehouse | city | string |\n"
    text += "| StockMovement | quantity | integer |\n"
    spec = understand(text).spec
    assert spec.entity("Warehouse").field("city") is not None
    assert spec.entity("StockMovement").field("quantity") is not None


def test_a_thing_put_off_for_later_is_not_an_entity() -> None:
    text = "Dogs have a name and a breed. Payments via stripe later, not now."
    assert {e.name for e in understand(text).spec.entities} == {"Dog"}


def test_user_accounts_mean_sign_in_not_an_account_entity() -> None:
    spec = understand("Notes with a title and a body, and user accounts.").spec
    assert "Account" not in {e.name for e in spec.entities} and spec.auth.value == "jwt"


def test_slashed_and_plus_joined_lists_are_read() -> None:
    spec = understand("Invoices w/ number + total (decimal) + status draft/sent/paid.").spec
    status = spec.entity("Invoice").field("status")
    assert status is not None and status.choices == ["draft", "sent", "paid"]
    assert spec.entity("Invoice").field("total") is not None


def test_a_subject_that_has_things_is_an_entity_even_when_the_verb_does_not_agree() -> None:
    spec = understand("Each dish have name, price and category (starter, main, dessert).").spec
    assert {f.name for f in spec.entity("Dish").fields} == {"name", "price", "category"}


def test_a_link_noun_named_only_once_still_links_both_sides() -> None:
    text = "Books have a title. Members borrow books; a loan records when it was borrowed."
    rels = _relations(text)
    assert {("many_to_one", "Loan", "Member"), ("many_to_one", "Loan", "Book")} <= rels


def test_a_verb_before_a_described_noun_is_not_part_of_its_name() -> None:
    spec = understand("Shelters list pets (name, species, age).").spec
    assert "Pet" in {e.name for e in spec.entities}


def test_several_against_the_usual_one_is_many_to_many() -> None:
    rels = _relations("Books have a title. A book can have several authors. Authors have a name.")
    assert rels == {("many_to_many", "Book", "Author")}
