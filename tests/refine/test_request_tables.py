"""Change requests written for issue 15, each with its expected change set down before the tool
ran; not corpus texts.

- reviewer_table.yaml: reviewers' own styles — imperative, questions, "X should …", bullets,
  several in one comment, typos, self-corrections, chit-chat, transitions, enums with defaults,
  uniqueness, "X has many Y", ownership and permissions.
- kinds_table.yaml: five or more requests for each kind of mistake fixed in a round (its `kind`).
- parser_fallback_table.yaml: sentences about fields, relations, permissions and rules that the
  refinement readers may not know, where the issue parser's reading is the fallback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.refine import refine_spec
from pipeline.refine.diff import canonical_operation, spec_operations
from pipeline.spec import ProjectSpec

HERE = Path(__file__).resolve().parent
START = HERE.parents[0] / "corpus" / "refine" / "start"
# each table, and the fewest requests it must hold
TABLES = {"reviewer_table": 40, "parser_fallback_table": 30, "kinds_table": 36}
ITEMS: list[tuple[str, int, dict[str, Any]]] = [
    (name, i, item)
    for name in TABLES
    for i, item in enumerate(yaml.safe_load((HERE / f"{name}.yaml").read_text()))
]


@pytest.mark.parametrize(("table", "least"), TABLES.items())
def test_each_table_holds_enough_requests(table: str, least: int) -> None:
    assert sum(1 for name, _, _ in ITEMS if name == table) >= least


@pytest.mark.parametrize(
    "item", [item for _, _, item in ITEMS], ids=[f"{n}-{i:03d}-{t['start']}" for n, i, t in ITEMS]
)
def test_a_request_changes_the_spec_as_expected(item: dict[str, Any]) -> None:
    if item.get("known_miss"):
        pytest.xfail(item["known_miss"])
    spec = ProjectSpec.from_yaml((START / f"{item['start']}.yaml").read_text())
    done = refine_spec(spec, item["said"])
    got = sorted(canonical_operation(op) for op in spec_operations(spec, done.spec))
    if item.get("refuse"):
        assert (got, bool(done.questions)) == ([], True)
        return
    assert not done.questions, done.questions
    assert got == sorted(canonical_operation(op) for op in item["expect"])
