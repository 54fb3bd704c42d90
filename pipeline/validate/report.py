"""The validation report: which checks ran, how each went, how long each took, and a score. No I/O.

The report is data: the worker stores it as JSON (`to_dict`), the PR body and the check run show
it as a markdown table (`to_markdown`), the CLI prints it (`to_text`).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

DETAILS_LINES = 40  # lines of a failed check's output shown in markdown and text


class CheckStatus(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"  # could not run here (e.g. no PostgreSQL server): neither pass nor fail


_ICONS = {CheckStatus.PASSED: "✅", CheckStatus.FAILED: "❌", CheckStatus.SKIPPED: "⏭️"}


class CheckResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str  # "black", "pytest (sqlite)", "GET /docs"
    status: CheckStatus
    duration_s: float = 0.0
    summary: str = ""  # one line: "42 passed", "app/main.py:3: invalid syntax", why skipped
    details: str = ""  # output (bounded), shown for failures
    weight: float = 1.0  # share of the score

    @property
    def passed(self) -> bool:
        return self.status is CheckStatus.PASSED

    @property
    def failed(self) -> bool:
        return self.status is CheckStatus.FAILED


class ContractCounts(BaseModel):
    """How much of the input document the booted app honours, for the check run and the CLI."""

    model_config = ConfigDict(extra="forbid")

    operations: int = 0  # in the input document
    served: int = 0  # at its method and path in the app's /openapi.json
    implemented: int = 0  # served, and not a 501 "not implemented" stub
    conformant: int = 0  # passed the contract tests (schemathesis), see `run_contract_tests`
    # implemented, but only answered 401/403 (or 404 for want of records): the document gives
    # no way to obtain credentials, so the contract tests could not check them
    unverifiable: int = 0

    def line(self) -> str:
        found = (
            f"{self.operations} operations in the input document: {self.served} served, "
            f"{self.implemented} implemented, {self.conformant} conformant"
        )
        if self.unverifiable:
            found += (
                f", {self.unverifiable} not verifiable (the document gives no way to obtain"
                " credentials)"
            )
        return found


class ValidationReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    checks: list[CheckResult] = Field(default_factory=list)
    duration_s: float = 0.0
    isolation_notes: list[str] = Field(default_factory=list)  # missing sandbox layers, in words
    openapi: dict[str, Any] | None = None  # what the booted app served at /openapi.json
    refused: str = ""  # why generated code was not run at all (no sandbox here), else ""
    contract: ContractCounts | None = None  # for a project with an input OpenAPI document

    @property
    def score(self) -> float:
        """Weighted fraction of the checks that ran which passed (skipped checks do not count)."""
        ran = [c for c in self.checks if c.status is not CheckStatus.SKIPPED]
        total = sum(c.weight for c in ran)
        return round(sum(c.weight for c in ran if c.passed) / total, 4) if total else 0.0

    @property
    def passed(self) -> bool:
        """True when no check failed and at least one passed."""
        return any(c.passed for c in self.checks) and not any(c.failed for c in self.checks)

    @property
    def failures(self) -> list[CheckResult]:
        return [c for c in self.checks if c.failed]

    def check(self, name: str) -> CheckResult:
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)

    def counts(self) -> dict[CheckStatus, int]:
        return {s: sum(c.status is s for c in self.checks) for s in CheckStatus}

    def headline(self) -> str:
        """ "Validation passed: 9 of 9 checks (1 skipped), score 1.00, 11.2 s"."""
        n = self.counts()
        ran = n[CheckStatus.PASSED] + n[CheckStatus.FAILED]
        skipped = f" ({n[CheckStatus.SKIPPED]} skipped)" if n[CheckStatus.SKIPPED] else ""
        verdict = "passed" if self.passed else "FAILED"
        if self.refused:
            return f"Validation REFUSED: {self.refused}"
        return (
            f"Validation {verdict}: {n[CheckStatus.PASSED]} of {ran} checks passed{skipped}, "
            f"score {self.score:.2f}, {self.duration_s:.1f} s"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, with the derived `score` and `passed` included."""
        return {**self.model_dump(mode="json"), "score": self.score, "passed": self.passed}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ValidationReport:
        return cls.model_validate({k: v for k, v in data.items() if k not in {"score", "passed"}})

    def to_markdown(self, *, include_openapi: bool = False) -> str:
        """A markdown table for PR bodies and check runs; failures' output in <details>."""
        lines = [f"**{self.headline()}**", "", "| | check | time | result |", "|---|---|---:|---|"]
        for c in self.checks:
            summary = _cell(c.summary or c.status.value)
            lines.append(
                f"| {_ICONS[c.status]} | {_cell(c.name)} | {c.duration_s:.1f} s | {summary} |"
            )
        if self.contract is not None:
            lines += ["", f"**Contract:** {self.contract.line()}."]
        for note in self.isolation_notes:
            lines += ["", f"> ⚠️ Sandbox: {note}"]
        for c in self.failures:
            if c.details.strip():
                tail = _tail(c.details)
                lines += ["", f"<details><summary>{c.name}: output</summary>", "", "```"]
                lines += [tail.replace("```", "'''"), "```", "</details>"]
        if include_openapi and self.openapi is not None:
            paths = sorted(self.openapi.get("paths", {}))
            lines += ["", f"Served {len(paths)} paths: " + ", ".join(f"`{p}`" for p in paths)]
        return "\n".join(lines) + "\n"

    def to_text(self, *, details: bool = True) -> str:
        """Plain text for a terminal: one line per check, then failures' output."""
        width = max((len(c.name) for c in self.checks), default=5)
        marks = {
            CheckStatus.PASSED: "pass",
            CheckStatus.FAILED: "FAIL",
            CheckStatus.SKIPPED: "skip",
        }
        lines = [
            f"  {marks[c.status]}  {c.name:<{width}}  {c.duration_s:5.1f} s  {c.summary}".rstrip()
            for c in self.checks
        ]
        if self.contract is not None:
            lines += [f"  contract: {self.contract.line()}"]
        lines += [f"  note: sandbox: {note}" for note in self.isolation_notes]
        if details:
            for c in self.failures:
                if c.details.strip():
                    lines += ["", f"--- {c.name} ---", _tail(c.details)]
        lines += ["", self.headline()]
        return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _tail(text: str, n: int = DETAILS_LINES) -> str:
    lines = text.rstrip().splitlines()
    if len(lines) <= n:
        return "\n".join(lines)
    return "\n".join([f"[... {len(lines) - n} lines above ...]", *lines[-n:]])
