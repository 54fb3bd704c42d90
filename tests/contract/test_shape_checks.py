"""The generated app's body checks (`app/contract/shapes.py`, copied verbatim from its template)
hold a scalar to the constraints of its `allOf` parts: the usual way a 3.0 document gives a
`$ref`'d enum a default or a description is `{"allOf": [{"$ref": ...}], "default": ...}`."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

TEMPLATE = Path(__file__).resolve().parents[2] / "pipeline/templates/contract/shapes.py.j2"


def _shapes() -> ModuleType:
    spec = importlib.util.spec_from_loader("generated_shapes", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE), "exec"), module.__dict__)
    return module


SHAPES = _shapes()
SIZE = {"type": "string", "enum": ["s", "m", "l"]}

# (schema, value, whether it is refused): expected answers first
CASES: list[tuple[dict[str, Any], Any, bool]] = [
    ({"allOf": [SIZE], "default": "m"}, "xl", True),
    ({"allOf": [SIZE], "default": "m"}, "l", False),
    ({"allOf": [{"type": "integer", "minimum": 1}], "description": "seats"}, 0, True),
    ({"allOf": [{"type": "string", "pattern": "^[a-z]+$"}]}, "Bad Slug", True),
    ({"allOf": [{"type": "string", "maxLength": 3}, {"minLength": 2}]}, "a", True),
    ({"allOf": [{"type": "string", "maxLength": 3}, {"minLength": 2}]}, "ab", False),
    ({"allOf": [{"enum": [1, 2, 3]}], "nullable": True}, 4, True),
]


@pytest.mark.parametrize(("schema", "value", "refused"), CASES)
def test_a_scalar_is_held_to_its_all_of_parts(schema: dict[str, Any], value: Any, refused: bool):
    assert bool(SHAPES.check(schema, value)) is refused


def test_an_object_in_parts_is_checked_once_per_property() -> None:
    schema = {
        "allOf": [
            {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
            {"type": "object", "properties": {"size": {"allOf": [SIZE], "default": "m"}}},
        ]
    }
    assert SHAPES.check(schema, {"name": "x", "size": "xl"}) == [
        "body.size: must be one of ['s', 'm', 'l']"
    ]
    assert SHAPES.check(schema, {"size": "s"}) == ["body.name: required"]
