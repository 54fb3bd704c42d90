"""The reviewer as a whole: ruff and bandit findings, deduplication, the PR texts."""

from __future__ import annotations

import pytest

from pipeline.review import (
    Finding,
    Severity,
    comment_body,
    dedupe,
    findings_to_markdown,
    review_project,
    rule_family,
)
from pipeline.review.scanners import _fix_as_replacement
from tests.review.support import make_spec, tree

SPEC = make_spec(roles=[], permissions=[])

SHELL = """
import subprocess


def run(cmd: str) -> int:
    return subprocess.call(cmd, shell=True)
"""


def test_scanner_findings_come_once_per_line() -> None:
    findings = review_project(tree({"app/tools.py": SHELL}), spec=SPEC)
    on_call = [f for f in findings if f.line == 5]
    assert [f.rule for f in on_call] == ["S602"]  # bandit's B602 is the same finding
    assert on_call[0].severity is Severity.ERROR  # bandit rates it HIGH
    assert on_call[0].path == "app/tools.py" and "docs.astral.sh" in on_call[0].message


def test_a_ruff_noqa_silences_ruff_and_the_same_bandit_rule() -> None:
    files = tree({"app/tools.py": SHELL.replace("shell=True)", "shell=True)  # noqa: S602")})
    assert [f for f in review_project(files, spec=SPEC) if f.line == 5] == []


def test_bandit_only_findings_are_kept() -> None:
    source = "import yaml\n\n\ndef load(text):\n    return yaml.load(text, Loader=yaml.Loader)\n"
    findings = review_project({"app/load.py": source}, spec=SPEC)
    assert {rule_family(f.rule) for f in findings} >= {"S506"}


def test_scanners_skip_tests() -> None:
    files = tree({"tests/test_tools.py": SHELL, "tests/conftest.py": 'PASSWORD = "x"\n'})
    assert review_project(files, spec=SPEC) == []


def test_codebegen_rule_wins_over_the_scanner_saying_the_same() -> None:
    source = 'SECRET_KEY = "s3cr3t-value"\n'
    findings = review_project({"app/config.py": source}, spec=SPEC)
    assert [f.rule for f in findings] == ["CBG105"]  # not S105 and B105 as well


def finding(**kw: object) -> Finding:
    data: dict[str, object] = {
        "path": "app/main.py",
        "line": 3,
        "severity": "warning",
        "rule": "S105",
        "message": "m",
    }
    data.update(kw)
    return Finding.model_validate(data)


def test_dedupe_keeps_one_per_line_and_family_at_the_highest_severity() -> None:
    kept = dedupe(
        [
            finding(rule="B105", severity="error", message="bandit"),
            finding(rule="S105", severity="info", message="ruff"),
            finding(rule="S105", line=4),
            finding(rule="S608"),
        ]
    )
    assert [(f.rule, f.line, f.severity, f.message) for f in kept] == [
        ("S105", 3, Severity.ERROR, "ruff"),
        ("S608", 3, Severity.WARNING, "m"),
        ("S105", 4, Severity.WARNING, "m"),
    ]


def test_finding_end_line_defaults_to_line_and_is_checked() -> None:
    assert finding().end_line == 3
    with pytest.raises(ValueError):
        finding(end_line=2)
    with pytest.raises(ValueError):
        finding(line=0)
    with pytest.raises(ValueError):
        finding(unknown="x")


def test_comment_body_has_a_suggestion_block_when_there_is_a_fix() -> None:
    body = comment_body(finding(rule="CBG106", replacement="    allow_credentials=False,"))
    assert body.endswith("```suggestion\n    allow_credentials=False,\n```")
    assert "**CBG106**" in body
    assert "suggestion" not in comment_body(finding())


def test_markdown_summary_counts_and_lists_findings() -> None:
    text = findings_to_markdown(
        [finding(severity="error", rule="CBG101", message="a | b"), finding(line=9, end_line=10)]
    )
    assert "2 findings (1 error, 1 warning)" in text
    assert "`app/main.py:9-10`" in text and "a \\| b" in text
    assert text.index("CBG101") < text.index("S105")  # errors first
    assert "no findings" in findings_to_markdown([])


def test_ruff_fix_becomes_a_whole_line_replacement() -> None:
    text = "a = 1\nb = foo(x,\n        y)\nc = 3\n"
    fix = {
        "edits": [
            {
                "content": "bar",
                "location": {"row": 2, "column": 5},
                "end_location": {"row": 2, "column": 8},
            },
            {
                "content": "z",
                "location": {"row": 3, "column": 9},
                "end_location": {"row": 3, "column": 10},
            },
        ]
    }
    assert _fix_as_replacement(fix, text) == (2, 3, "b = bar(x,\n        z)\n")
    assert _fix_as_replacement(None, text) is None
