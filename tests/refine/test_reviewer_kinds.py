"""The small readers behind the reviewer table (issue 15), each on short texts of its own."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.corrections import borrow
from pipeline.refine.sayings import default_with_values
from pipeline.refine.wording import spell_contractions
from pipeline.spec import ProjectSpec
from tests.refine.helpers import start


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("the code shouldnt be unique", "the code shouldn't be unique"),
        ("we dont need it", "we don't need it"),
        ("members cant vote", "members can't vote"),
        ("its fine", "its fine"),  # "its" is a word
    ],
)
def test_a_contraction_without_its_apostrophe_is_read_with_it(said: str, plain: str) -> None:
    assert spell_contractions(said) == plain


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("add a size (s, m, l) defaulting to m to boxes", "add a size (s, m, l, default m) to boxes"),
        ("add a size to boxes: s, m, l, default m", "add a size to boxes (one of s|m|l) (default m)"),
        ("add a size to boxes (default m)", "add a size to boxes (default m)"),  # no values
    ],
)  # fmt: skip
def test_a_default_said_apart_goes_with_its_values(said: str, plain: str) -> None:
    assert default_with_values(said) == plain


def test_call_it_after_a_rename_names_the_new_name() -> None:
    assert borrow("rename it to caption", "rename title to heading") == "rename title to caption"


def _status(spec: ProjectSpec, entity: str, field: str) -> list[str]:
    found = spec.entity(entity).field(field)
    assert found is not None
    return list(found.choices)


def test_a_state_word_before_an_enum_field_is_a_new_value_not_a_new_field() -> None:
    spec = start("clinic")
    done = refine_spec(spec, "add a rescheduled status to appointments")
    assert _status(done.spec, "Appointment", "status")[-1] == "rescheduled"
    other = refine_spec(spec, "add a payment status to appointments")  # a field of its own
    assert other.spec.entity("Appointment").field("payment_status") is not None


def test_a_transition_to_a_state_the_enum_lacks_adds_the_state() -> None:
    done = refine_spec(start("shop"), "orders can only be refunded while shipped")
    assert "refunded" in _status(done.spec, "Order", "status")
    assert [r.kind.value for r in done.spec.rules] == ["transition"]


def test_only_once_means_the_linking_entity_holds_each_pair_once() -> None:
    done = refine_spec(start("library"), "each member may borrow a book only once")
    assert [(r.entity, sorted(r.fields)) for r in done.spec.rules] == [("Loan", ["book", "member"])]


def test_an_owner_that_names_a_linked_entity_is_asked_about_not_linked_twice() -> None:
    done = refine_spec(start("clinic"), "doctors can only see their own appointments")
    assert done.questions and not done.changes
    assert "not a user who signs in" in done.questions[0]


def test_a_rule_that_only_says_auth_is_on_is_no_change() -> None:
    done = refine_spec(start("blog"), "only signed in users can create comments")
    assert not done.changes and done.questions


@pytest.mark.parametrize(
    ("said", "low", "high"),
    [
        ("the capacity must not be more than 900", None, 900),
        ("capacity should never be less than 3", 3, None),
        ("capacity can't be greater than 40", None, 40),
    ],
)
def test_a_negated_comparison_bounds_the_other_side(
    said: str, low: int | None, high: int | None
) -> None:
    done = refine_spec(start("inventory"), said)
    assert [(r.min, r.max) for r in done.spec.rules] == [(low, high)]
