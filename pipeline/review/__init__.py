"""The reviewer: findings on a generated (or hand-edited) project.

`review_project(files, spec=spec)` returns what a careful reviewer would point out, from three
sources: ruff's security rules (`S`), bandit, and codebegen's FastAPI rules (`rules/`, CBG1xx).
Findings are deduplicated (one per path, line and rule family) and sorted. A freshly generated
project has none: a finding there is a bug in the templates.

Tests (`tests/`, `test_*.py`, `conftest.py`) are not reviewed: they hard-code passwords and
assert on purpose.

I/O: the scanners run as subprocesses on a temporary copy of the Python files (`scanners.py`);
the FastAPI rules only read syntax trees.
"""

from __future__ import annotations

from pipeline.review.finding import (
    Finding,
    Severity,
    comment_body,
    dedupe,
    findings_to_markdown,
    rule_family,
)
from pipeline.review.index import ProjectIndex, is_test_path
from pipeline.review.rules import ALL_RULES, Context
from pipeline.review.scanners import ScannerError, scan
from pipeline.spec import ProjectSpec

__all__ = [
    "Finding",
    "ScannerError",
    "Severity",
    "comment_body",
    "dedupe",
    "findings_to_markdown",
    "review_project",
    "rule_family",
]


def review_project(
    files: dict[str, str], *, spec: ProjectSpec, scanners: bool = True
) -> list[Finding]:
    """Every finding in the project, deduplicated and sorted by path and line.

    `scanners=False` runs only the FastAPI rules (no subprocesses), for quick checks.
    """
    ctx = Context(files=files, index=ProjectIndex(files), spec=spec)
    findings = [f for rule in ALL_RULES for f in rule.check(ctx)]
    if scanners:
        python = {p: t for p, t in files.items() if p.endswith(".py") and not is_test_path(p)}
        findings += scan(python)
    return dedupe(findings)
