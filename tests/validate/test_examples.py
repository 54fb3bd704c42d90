"""Every spec in examples/ generates a project that passes every validation check.

This is the issue's definition of done: on SQLite and, where a server answers (CI starts one),
on PostgreSQL too. Each example is a full generation (parse, render, sandboxed validation).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import sandbox_postgres
from pipeline.generate import generate_project
from pipeline.validate import CheckStatus

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.md"))


def test_there_are_at_least_ten_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_generates_a_project_that_passes_validation(example: Path) -> None:
    result = generate_project(example.read_text(encoding="utf-8"))
    report = result.report
    assert report is not None
    assert report.passed, report.to_text()
    assert report.score == 1.0
    assert "openapi.yaml" in result.files
    server, why = sandbox_postgres.find_postgres()
    if server is not None:
        for name in ("pytest (postgresql)", "alembic upgrade (postgresql)"):
            assert report.check(name).status is CheckStatus.PASSED, report.to_text()
