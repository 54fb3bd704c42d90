"""Change requests in reviewers' own styles (reviewer_table.yaml), written for issue 15 with the
expected change set down before the tool ran: imperative, questions, "X should …", bullets,
several in one comment, typos, self-corrections, chit-chat, transitions, enums with defaults,
uniqueness, "X has many Y", ownership and permissions. Not corpus texts; written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.refine import refine_spec
from pipeline.refine.diff import canonical_operation as _canonical
from pipeline.refine.diff import spec_operations
from pipeline.spec import ProjectSpec

HERE = Path(__file__).resolve().parent
START = HERE.parents[0] / "corpus" / "refine" / "start"
TABLE: list[dict[str, Any]] = yaml.safe_load((HERE / "reviewer_table.yaml").read_text())


def test_the_table_has_at_least_forty_requests() -> None:
    assert len(TABLE) >= 40


@pytest.mark.parametrize("item", TABLE, ids=[f"{i:03d}-{t['start']}" for i, t in enumerate(TABLE)])
def test_a_reviewers_request_changes_the_spec_as_expected(item: dict[str, Any]) -> None:
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
