"""Change requests of parser_fallback_table.yaml (issue 15): sentences about fields, relations,
permissions and rules that the refinement readers may not know, where the issue parser's reading
is the fallback. Written for these tests, with the expected change set down before the tool ran."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
from pipeline.spec import ProjectSpec
from tests.refine.test_reviewer_table import _canonical

HERE = Path(__file__).resolve().parent
START = HERE.parents[0] / "corpus" / "refine" / "start"
TABLE: list[dict[str, Any]] = yaml.safe_load((HERE / "parser_fallback_table.yaml").read_text())


def test_the_table_has_at_least_thirty_requests() -> None:
    assert len(TABLE) >= 30


@pytest.mark.parametrize("item", TABLE, ids=[f"{i:03d}-{t['start']}" for i, t in enumerate(TABLE)])
def test_a_request_changes_the_spec_as_expected(item: dict[str, Any]) -> None:
    if item.get("known_miss"):
        pytest.xfail(item["known_miss"])
    spec = ProjectSpec.from_yaml((START / f"{item['start']}.yaml").read_text())
    done = refine_spec(spec, item["said"])
    got = sorted(_canonical(op) for op in spec_operations(spec, done.spec))
    if item.get("refuse"):
        assert (got, bool(done.questions)) == ([], True)
        return
    assert not done.questions, done.questions
    assert got == sorted(_canonical(op) for op in item["expect"])
