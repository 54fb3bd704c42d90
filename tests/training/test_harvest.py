"""A merged PR becomes exactly one clean dataset row, however often the merge is delivered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from training import harvest
from training.dataset import Source, Store

GH = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


def _payload(files: dict[str, str], data_dir: Path, **extra: Any) -> dict[str, Any]:
    return {
        "repo": "octo/blog-api",
        "pr": 7,
        "merged_sha": "0123456789abcdef0123456789abcdef01234567",
        "issue_title": "Blog API",
        "issue_body": "A blog with posts and comments.\n/codebegen generate\nUsers log in with JWT.",
        "files": {**files, "app/extra.py": f"TOKEN = '{GH}'\n"},  # a human edit, with a leak
        "refinements": [
            {"instruction": "add tags", "before": {}, "after": {"app/t.py": "T = 1\n"}}
        ],
        "validate_tree": False,
        "data_dir": str(data_dir),
        **extra,
    }


def test_row_from_merge_takes_the_prompt_from_the_issue_and_context_from_the_spec(
    blog_files: dict[str, str], tmp_path: Path
) -> None:
    req = harvest.HarvestRequest.model_validate(_payload(blog_files, tmp_path))
    row = harvest.row_from_merge(req, quality_score=0.9)
    assert row.id == "octo-blog-api_pr7_0123456"
    assert row.prompt == "Blog API\n\nA blog with posts and comments.\n\nUsers log in with JWT."
    assert row.context.domain == "content_management" and "jwt" in row.context.tech_stack
    assert row.output.files["app/extra.py"].startswith("TOKEN")  # human edits are kept
    assert row.provenance.source is Source.HARVEST and row.provenance.pr == 7
    assert row.expected_architecture["tests"] == ["tests/"]


def test_record_merge_stores_one_scrubbed_row_and_redelivery_adds_nothing(
    blog_files: dict[str, str], tmp_path: Path
) -> None:
    payload = _payload(blog_files, tmp_path, quality_score=0.8)
    assert harvest.record_merge(payload) == "octo-blog-api_pr7_0123456"
    assert harvest.record_merge(payload) == "octo-blog-api_pr7_0123456"
    rows = list(Store(tmp_path))
    assert len(rows) == 1
    assert rows[0].quality_score == 0.8 and rows[0].refinements[0].instruction == "add tags"
    assert rows[0].output.files["app/extra.py"] == "TOKEN = '<github-token>'\n"


def test_record_merge_validates_once_and_not_on_redelivery(
    blog_files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(harvest, "quality_of", lambda files: calls.append(len(files)) or 0.75)
    payload = _payload(blog_files, tmp_path, validate_tree=True)
    harvest.record_merge(payload)
    harvest.record_merge(payload)
    assert len(calls) == 1 and next(iter(Store(tmp_path))).quality_score == 0.75


def test_payload_with_unknown_keys_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        harvest.record_merge({**_payload({}, tmp_path), "installation": 1})
