"""A bound said of several fields listed together ("rate and deposit can't be negative",
"x, y and z (each 1-10)") holds for each of them; a bound in brackets after a comma list
without "each" stays the last item's. Short texts of our own, the rule expected written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.listed import listed_with


def _ranges(text: str, entity: str) -> dict[str, tuple[float | None, float | None]]:
    spec = parse_spec(text)
    return {
        r.field: (r.min, r.max)
        for r in spec.rules
        if r.kind.value == "range" and r.entity == entity and r.field
    }


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        (
            "Tools: name, weekly rate, deposit. Weekly rate and deposit can't be negative.",
            "Tool",
            {"weekly_rate": (0, None), "deposit": (0, None)},
        ),
        (
            "Essays: title, clarity, style and grammar (each 1-5).",
            "Essay",
            {"clarity": (1, 5), "style": (1, 5), "grammar": (1, 5)},
        ),
        (
            "Parcels: sender, length and breadth in cm (each 10 to 150), contents.",
            "Parcel",
            {"length_cm": (10, 150), "breadth": (10, 150)},
        ),
    ],
)
def test_a_bound_after_a_coordinated_list_holds_for_each(
    text: str, entity: str, expected: dict[str, tuple[float, float | None]]
) -> None:
    got = _ranges(text, entity)
    for field, bound in expected.items():
        name = next((f for f in got if f.startswith(field) or field.startswith(f)), field)
        assert got.get(name) == bound, (field, got)


def test_a_bracketed_bound_is_the_last_items_alone() -> None:
    got = _ranges("Cabins: name, berths and bunks (max 6), price.", "Cabin")
    assert got.get("bunks") == (None, 6)
    assert "berths" not in got


@pytest.mark.parametrize(
    ("low", "bound", "expected"),
    [
        ("fee and tax can't be negative", "can't", ["fee"]),
        ("a, b and c (each 1-3)", "1-3", ["b", "a"]),
        ("a, b, c (1-3)", "1-3", []),  # commas only: the items of an entity, not one subject
        ("a and c (1-3)", "1-3", []),  # an aside without "each" is c's
        ("a and b. c must be positive", "positive", []),  # another sentence
    ],
)
def test_listed_with(low: str, bound: str, expected: list[str]) -> None:
    fields = {"fee": ["fee"], "tax": ["tax"], "a": ["a"], "b": ["b"], "c": ["c"]}
    last = "tax" if "tax" in low else "c"
    assert listed_with(low, last, low.index(bound), fields) == expected


def test_a_bound_in_a_unit_naming_another_entity_finds_the_one_holder() -> None:
    # "guests" names the Guest entity; max_guests is a field of Cabin alone
    text = (
        "Cabins: name, floor, price per night in EUR e.g. 89.50, max guests 1 to 6.\n"
        "Guests: name, email.\n"
    )
    assert _ranges(text, "Cabin").get("max_guests") == (1, 6)


def test_a_field_of_two_entities_is_no_guess() -> None:
    text = "- Rooms: name, size\n- Halls: name, size\n- Guests: name. Guest size 1 to 4."
    spec = parse_spec(text)
    assert not [r for r in spec.rules if r.kind.value == "range" and r.field == "size"]
