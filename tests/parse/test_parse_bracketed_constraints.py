"""A field's constraint in brackets ("number of copies (can't be negative)") says "can" inside
the bracket: the line is still a field list, not a sentence, wherever the list is written."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.phrases import modal_outside_brackets
from tests.parse.helpers import field_types

TEXTS = [
    "Seeds: variety, **packets left** (can't be negative), sown on",
    "- Seeds: variety, **packets left** (can't be negative), sown on",
    "## Seeds\n- variety\n- **packets left** (can't be negative)\n- sown on",
]


@pytest.mark.parametrize("text", TEXTS)
def test_bracketed_constraint_keeps_the_field(text: str) -> None:
    fields = field_types(parse_spec(text), "Seed")
    assert {"variety", "packets_left"} <= set(fields)


def test_modal_outside_brackets_is_still_a_sentence() -> None:
    assert modal_outside_brackets("members can only see their own loans (not others)")
    assert not modal_outside_brackets("packets left (can't be negative)")
