"""Uniqueness said loosely: "(unique!)", "(no duplicates)", "(the X, is unique)" after a field;
"no two tenants with the same gate code", "no two devices share a serial number", "a room
can't have two slots with the same start time". Short texts of our own, the rule written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.sameness import Same, same_said


def _unique(text: str, entity: str) -> set[str]:
    return {f.name for f in parse_spec(text).entity(entity).fields if f.unique}


@pytest.mark.parametrize(
    ("text", "entity", "field"),
    [
        ("- Hives: code (unique!), colony strength", "Hive", "code"),
        ("- Lockers: label (no duplicates), floor", "Locker", "label"),
        ("- Suppliers: name, vat id (the NIF, is unique), phone", "Supplier", "vat_id"),
        (
            "- Lockers: label, floor\n- Renters: name, pin code\n"
            "- no two renters with the same pin code",
            "Renter",
            "pin_code",
        ),
        (
            "- Owners: name\n- Scooters: model, frame number\n"
            "- no two scooters share a frame number",
            "Scooter",
            "frame_number",
        ),
    ],
)
def test_a_field_said_unique_loosely(text: str, entity: str, field: str) -> None:
    assert field in _unique(text, entity)


def test_two_rows_of_one_thing_with_the_same_value() -> None:
    spec = parse_spec(
        "- Stages: name, capacity\n- Sets: stage, band, starts at\n"
        "- a stage can't have two sets with the same start time"
    )
    rules = [(r.entity, sorted(r.fields)) for r in spec.rules if r.kind.value == "unique"]
    assert ("Set", ["stage", "starts_at"]) in rules or ("StageSet", ["stage", "starts_at"]) in rules


@pytest.mark.parametrize(
    ("low", "expected"),
    [
        ("no two renters with the same pin code", Same("renters", "pin code", "")),
        ("no two scooters share a frame number.", Same("scooters", "frame number", "")),
        ("two renters can't have the same locker", Same("renters", "locker", "")),
        ("a stage cannot have two sets at the same time", Same("sets", "time", "a stage")),
        ("no two ways about it", None),
        ("the same renter can book twice", None),
    ],
)
def test_same_said(low: str, expected: Same | None) -> None:
    assert same_said(low) == expected
