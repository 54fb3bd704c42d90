"""A spec change as the corpus's operations (pipeline/refine/diff.py)."""

from __future__ import annotations

from pathlib import Path

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
from pipeline.spec import ProjectSpec

START = Path(__file__).resolve().parents[1] / "corpus" / "refine" / "start"


def test_a_field_renamed_beside_a_removed_field_of_another_kind_is_a_rename() -> None:
    before = ProjectSpec.from_yaml((START / "events.yaml").read_text())
    after = refine_spec(before, "remove the bio from speakers and rename name to full_name").spec
    ops = spec_operations(before, after)
    assert {"op": "rename_field", "entity": "Speaker", "field": "name", "to": "full_name"} in ops
    assert {"op": "remove_field", "entity": "Speaker", "field": "bio"} in ops
    assert len(ops) == 2


def test_two_fields_of_one_kind_gone_and_one_new_is_no_rename() -> None:
    before = ProjectSpec.from_yaml((START / "events.yaml").read_text())
    after = refine_spec(
        before, "remove the venue and the title from events. add a subtitle to events"
    ).spec
    ops = spec_operations(before, after)
    assert not any(op["op"] == "rename_field" for op in ops)
    assert {"op": "add_field", "entity": "Event", "field": "subtitle", "type": "string"} in ops
