"""General rules on what a text defines, leaves out, or says about the business, and how the
account reports them (pipeline/parse/scope.py, decide.py, explain.py). Texts written for these
tests, none from the corpus."""

from __future__ import annotations

import pytest

from pipeline.parse import understand
from pipeline.parse.account import SentenceStatus
from pipeline.parse.nlp import analyse
from pipeline.parse.scope import business_nouns, defined_noun, left_out
from tests.parse.helpers import entity_names, field_types


@pytest.mark.parametrize(
    ("sentence", "noun"),
    [
        ("No invoices in the first version.", "invoice"),
        ("We don't need refunds.", "refund"),
        ("Vouchers are not needed.", "voucher"),
        ("A booking system without payments.", "payment"),
        ("Loyalty cards can come later.", "card"),
    ],
)
def test_negated_or_put_off_nouns_are_left_out(sentence: str, noun: str) -> None:
    assert noun in left_out(analyse(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Members cannot delete bookings.",
        "Guests book rooms.",
        "Each tour has no more than 9 seats.",
    ],
)
def test_rules_and_plain_statements_leave_nothing_out(sentence: str) -> None:
    assert left_out(analyse(sentence)) == set()


def test_a_definition_names_its_subject() -> None:
    doc = analyse("A fitting is one appointment a bride books with us.")
    noun = defined_noun(doc)
    assert noun is not None and noun.lemma == "fitting"


def test_a_definition_of_one_thing_is_no_definition() -> None:
    assert defined_noun(analyse("The final price is the sum of the lines.")) is None


def test_the_business_the_writer_runs_is_named() -> None:
    assert "studio" in business_nouns(analyse("We are a small pottery studio."))
    assert business_nouns(analyse("We sell mugs and plates.")) == set()


_KENNEL = """Backend for our boarding kennel.
Owners register with name and phone.
Each owner has cats: name, breed, birthday.
A stay is one or more nights a cat spends with us: check-in date, check-out date, diet notes.
No payments in v1, we invoice by hand.
"""


def test_a_defined_noun_with_a_field_list_becomes_an_entity() -> None:
    u = understand(_KENNEL)
    assert "Stay" in entity_names(u.spec)
    assert {"check_in_date", "check_out_date"} <= set(field_types(u.spec, "Stay"))


def test_a_negated_noun_is_no_entity_and_is_named_as_not_built() -> None:
    u = understand(_KENNEL)
    assert "Payment" not in entity_names(u.spec)
    line = next(s for s in u.sentences if s.text.startswith("No payments"))
    assert line.status is SentenceStatus.NOT_SUPPORTED
    assert "payments" in line.reason and "not built" in line.reason


def test_a_put_off_noun_is_no_entity_nor_role() -> None:
    u = understand(
        "A bike rental API. Bikes have a frame size and a daily price. Customers rent bikes.\n"
        "Reports can come later."
    )
    assert "Report" not in entity_names(u.spec)
    assert "report" not in u.spec.roles
    line = next(s for s in u.sentences if s.text.startswith("Reports"))
    assert line.status is SentenceStatus.NOT_SUPPORTED


def test_a_noun_negated_in_one_sentence_and_described_in_another_stays() -> None:
    u = understand(
        "Clinic API. Invoices have a number and a total. Patients have a name. "
        "We don't need invoices for walk-in patients."
    )
    assert "Invoice" in entity_names(u.spec)


def test_a_sentence_about_a_noun_the_spec_lacks_is_a_question() -> None:
    u = understand(
        "A plant nursery API. Plants have a name, a price and a pot size.\n"
        "The greenhouse zone decides which plants go on sale."
    )
    line = next(s for s in u.sentences if s.text.startswith("The greenhouse"))
    assert line.status is SentenceStatus.NOT_UNDERSTOOD
    assert any("greenhouse zone" in q or "zone" in q for q in u.questions)


def test_a_hyphenated_noun_with_fields_is_one_entity() -> None:
    u = understand(
        "Tool library API. Tools have a name and a condition.\n"
        "- Check-outs: member name, due date, returned yes/no\n"
        "People check out tools for a week."
    )
    assert "CheckOut" in entity_names(u.spec)


def test_a_clause_between_a_label_and_its_list_is_no_field() -> None:
    u = understand(
        "Bike repair shop API.\n"
        "- Repairs: when a bike is brought in by a customer: date, problem, price\n"
        "- Bikes: brand, frame number"
    )
    assert set(field_types(u.spec, "Repair")) >= {"date", "problem", "price"}
    assert not any(f.startswith("when") for f in field_types(u.spec, "Repair"))


def test_a_label_naming_a_noun_of_another_is_that_noun() -> None:
    u = understand(
        "Orchard log. We have trees (variety, planted year). "
        "Also the harvest of every tree: date, weight in kg, notes."
    )
    assert "Harvest" in entity_names(u.spec)
    assert "date" in field_types(u.spec, "Harvest")


def test_the_business_the_writer_runs_is_no_entity_even_with_an_aside() -> None:
    u = understand(
        "I run a small mushroom farm (oyster and shiitake, indoors) and want an API. "
        "Batches have a strain, a start date and a yield in kg."
    )
    assert "Farm" not in entity_names(u.spec)
    assert "Batch" in entity_names(u.spec)


def test_a_clause_in_a_field_list_gives_only_the_fields_it_names() -> None:
    u = understand(
        "Climbing gym API.\n"
        "- Routes: grade, colour, wall\n"
        "- Ascents: a climber sends a route on a date, attempts, style (flash, redpoint)"
    )
    fields = set(field_types(u.spec, "Ascent"))
    assert "date" in fields and "attempts" in fields
    assert not any("climber_sends" in f for f in fields)


@pytest.mark.parametrize(
    ("text", "field", "choices"),
    [
        ("- Boats: name, hull type sail or motor, length", "type", ["sail", "motor"]),
        ("- Races: date, result win/loss/draw, notes", "result", ["win", "loss", "draw"]),
        (
            "- Claims: amount, status: filed, in review, paid",
            "status",
            ["filed", "in review", "paid"],
        ),
    ],
)
def test_choices_written_inline_make_an_enum(text: str, field: str, choices: list[str]) -> None:
    u = understand(text)
    entity = next(e for e in u.spec.entities if e.name != "User")
    f = next(f for f in entity.fields if f.name.endswith(field))
    assert f.type.value == "enum" and [c.replace("_", " ") for c in f.choices] == choices


def test_a_verb_and_an_article_before_a_noun_are_no_part_of_its_name() -> None:
    u = understand(
        "Print shop API. Print jobs have a file, copies and a status. "
        "Only the manager can set a job to printed."
    )
    assert not any(
        e.name.startswith(("A", "An")) and e.name[1:2].isupper() for e in u.spec.entities
    )
    assert not {"AJob", "SetAJob"} & entity_names(u.spec)


def test_a_time_beside_a_date_is_a_time_of_day() -> None:
    u = understand("- Lessons: date, start time, end time, topic\n- Flights: departure time, gate")
    assert field_types(u.spec, "Lesson")["start_time"] == "string"
    assert field_types(u.spec, "Flight")["departure_time"] == "datetime"
