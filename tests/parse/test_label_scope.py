"""A label on a line of its own ("Piercing catalogue:") heads only the list below it. The text
after that list is read as it would be without the label, never as more fields of its entity."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import entity_names, field_types


@pytest.mark.parametrize(
    "after",
    [
        "Kettles: brand, volume, stock",
        "A kettle has a brand, a volume and a stock count.",
        "Kettles have brand, volume and stock.",
    ],
)
def test_the_paragraph_after_a_labelled_list_is_its_own(after: str) -> None:
    spec = parse_spec(f"Teapot range:\n- name\n- price\n\n{after}\n")
    assert "Kettle" in entity_names(spec)
    assert {"brand", "volume"} <= set(field_types(spec, "Kettle"))
    teapots = next(e for e in spec.entities if e.name.startswith("Teapot"))
    assert {f.name for f in teapots.fields} == {"name", "price"}


def test_a_real_heading_still_gathers_the_paragraphs_below_it() -> None:
    spec = parse_spec("## Kettles\n\n- brand\n- volume\n\nstock, colour\n")
    assert {"brand", "volume", "stock", "colour"} <= set(field_types(spec, "Kettle"))
