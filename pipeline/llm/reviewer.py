"""The reviewer role: a model's findings, merged with the rule findings. No I/O of its own.

The rules (`pipeline.review`: ruff security rules, bandit, codebegen's FastAPI checks) always
run; a reviewer model, when configured, adds what rules cannot see. Its reply is checked finding
by finding: the file must be one it was shown, the lines must exist, the severity must be one of
ours. Bad findings are dropped (and counted), never posted. A model finding on a line the rules
already flagged is dropped too, so a line gets one comment. Findings come out in the same
`Finding` format as the rules', with rules named `LLM-<id>`, and go through the same `dedupe`.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.llm.client import ChatRequest, LLMClient
from pipeline.llm.config import Role
from pipeline.llm.guard import parse_reply
from pipeline.llm.prompts import REVIEWER_SYSTEM, fenced, within_budget
from pipeline.llm.repair import Attempt, ask_with_repair
from pipeline.llm.usage import Usage
from pipeline.review.finding import Finding, Severity, dedupe

MODEL_RULE_PREFIX = "LLM-"  # marks a finding's rule as the reviewer model's
MAX_MODEL_FINDINGS = 30  # more than this from one review is noise
CODE_BUDGET_TOKENS = 12_000  # code shown to the reviewer model


class ModelFinding(BaseModel):
    """One finding as the model writes it (the reply schema)."""

    model_config = ConfigDict(extra="forbid")

    path: str
    line: int
    end_line: int = 0
    severity: Severity
    rule: str
    message: str
    replacement: str | None = None


class ReviewReply(BaseModel):
    model_config = ConfigDict(extra="forbid")

    findings: list[ModelFinding]


class ReviewOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    findings: list[Finding]  # rule findings and accepted model findings, deduplicated
    model_findings: int = 0  # how many of `findings` came from the model
    notes: list[str] = Field(default_factory=list)
    attempts: list[Attempt] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)


def review_with_model(
    files: dict[str, str], rule_findings: list[Finding], *, client: LLMClient | None
) -> ReviewOutcome:
    """Rule findings plus the reviewer model's, when one is configured."""
    if client is None or not client.active(Role.REVIEWER):
        return ReviewOutcome(findings=dedupe(rule_findings))
    shown = _shown_files(files)
    already = "\n".join(f"- {f.path}:{f.line} {f.rule}: {f.message}" for f in rule_findings)
    user = (
        "### Files (line numbers added):\n"
        + "\n\n".join(fenced(p, _numbered(files[p])) for p in shown)
        + f"\n\n### Findings already reported:\n{already or '- none'}"
    )
    request = ChatRequest.of(
        Role.REVIEWER, system=REVIEWER_SYSTEM, user=user, schema=ReviewReply, schema_name="review"
    )
    result = ask_with_repair(client, request, lambda text: parse_reply(text, ReviewReply))
    outcome = ReviewOutcome(
        findings=dedupe(rule_findings), attempts=result.attempts, usage=result.usage
    )
    if result.value is None:
        outcome.notes.append("The reviewer model's reply was not usable twice; rule findings only.")
        return outcome
    accepted, dropped = _accept(result.value.findings, files, set(shown), rule_findings)
    outcome.findings = dedupe([*rule_findings, *accepted])
    outcome.model_findings = sum(f.rule.startswith(MODEL_RULE_PREFIX) for f in outcome.findings)
    if dropped:
        outcome.notes.append(
            f"Dropped {dropped} reviewer-model finding(s) that named unknown files or lines, "
            "or repeated a rule finding."
        )
    return outcome


def _shown_files(files: dict[str, str]) -> list[str]:
    paths = sorted(
        p for p in files if p.startswith("app/") and p.endswith(".py") and files[p].strip()
    )
    parts = within_budget([fenced(p, _numbered(files[p])) for p in paths], CODE_BUDGET_TOKENS)
    return paths[: len(parts)]


def _numbered(text: str) -> str:
    return "\n".join(f"{i:4d}| {line}" for i, line in enumerate(text.splitlines(), 1))


def _accept(
    proposed: list[ModelFinding],
    files: dict[str, str],
    shown: set[str],
    rule_findings: list[Finding],
) -> tuple[list[Finding], int]:
    flagged = {(f.path, line) for f in rule_findings for line in range(f.line, f.end_line + 1)}
    accepted: list[Finding] = []
    for m in proposed[:MAX_MODEL_FINDINGS]:
        lines = len(files.get(m.path, "").splitlines())
        end = m.end_line or m.line
        if m.path not in shown or not (1 <= m.line <= end <= lines) or not m.message.strip():
            continue
        if any((m.path, line) in flagged for line in range(m.line, end + 1)):
            continue
        rule = MODEL_RULE_PREFIX + (
            re.sub(r"[^a-z0-9]+", "-", m.rule.lower()).strip("-") or "review"
        )
        try:
            accepted.append(
                Finding(
                    path=m.path,
                    line=m.line,
                    end_line=end,
                    severity=m.severity,
                    rule=rule[:60],
                    message=" ".join(m.message.split())[:500],
                    replacement=m.replacement,
                )
            )
        except ValidationError:
            continue
    return accepted, len(proposed) - len(accepted)
