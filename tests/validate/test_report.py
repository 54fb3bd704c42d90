"""The validation report as data: score, verdict, markdown, text and JSON. No I/O."""

from __future__ import annotations

import json

from pipeline.validate import CheckResult, CheckStatus, ValidationReport

P, F, S = CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.SKIPPED


def _report(*checks: tuple[str, CheckStatus, float]) -> ValidationReport:
    return ValidationReport(
        checks=[
            CheckResult(name=n, status=s, weight=w, summary=f"{n} said so") for n, s, w in checks
        ]
    )


def test_score_is_the_weighted_fraction_of_checks_that_ran() -> None:
    report = _report(("a", P, 3.0), ("b", F, 1.0))
    assert report.score == 0.75


def test_skipped_checks_neither_pass_nor_fail() -> None:
    report = _report(("a", P, 1.0), ("pg", S, 3.0))
    assert report.score == 1.0
    assert report.passed


def test_any_failure_fails_the_report() -> None:
    assert not _report(("a", P, 1.0), ("b", F, 0.5)).passed


def test_a_report_with_nothing_run_does_not_pass() -> None:
    assert not _report(("pg", S, 1.0)).passed
    assert _report().score == 0.0


def test_headline_counts_checks() -> None:
    headline = _report(("a", P, 1.0), ("b", F, 1.0), ("c", S, 1.0)).headline()
    assert headline.startswith("Validation FAILED: 1 of 2 checks passed (1 skipped), score 0.50")


def test_markdown_is_a_table_with_one_row_per_check() -> None:
    md = _report(("black", P, 1.0), ("pytest (sqlite)", F, 1.0)).to_markdown()
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert rows[0] == "| | check | time | result |"
    assert any("| ✅ | black |" in r for r in rows)
    assert any("| ❌ | pytest (sqlite) |" in r for r in rows)


def test_markdown_escapes_pipes_and_shows_failure_output() -> None:
    report = ValidationReport(
        checks=[CheckResult(name="ruff", status=F, summary="a | b", details="line one\nE501 ```x")]
    )
    md = report.to_markdown()
    assert "a \\| b" in md
    assert "<details><summary>ruff: output</summary>" in md
    assert "E501 '''x" in md  # output cannot close the code fence early


def test_markdown_shows_missing_isolation() -> None:
    report = _report(("a", P, 1.0))
    report.isolation_notes = ["network isolation unavailable: sandboxed code can reach the network"]
    assert "network isolation unavailable" in report.to_markdown()
    assert "network isolation unavailable" in report.to_text()


def test_long_output_is_cut_to_its_tail() -> None:
    details = "\n".join(f"line {i}" for i in range(500))
    report = ValidationReport(checks=[CheckResult(name="x", status=F, details=details)])
    text = report.to_text()
    assert "line 499" in text and "line 10\n" not in text
    assert "lines above" in text


def test_to_dict_is_json_and_round_trips() -> None:
    report = _report(("a", P, 2.0), ("b", S, 1.0))
    report.openapi = {"openapi": "3.1.0", "paths": {"/health": {}}}
    data = json.loads(json.dumps(report.to_dict()))
    assert data["score"] == 1.0 and data["passed"] is True
    assert data["checks"][1]["status"] == "skipped"
    assert ValidationReport.from_dict(data) == report
