"""`Finding`: one thing the reviewer found, and the text forms it takes on a PR. No I/O.

A finding names a file and a 1-based, inclusive line range. `replacement`, when present, is the
exact new text for lines `line..end_line`: the worker turns it into a GitHub ```suggestion block,
which replaces exactly those lines when a person applies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

from pydantic import BaseModel, ConfigDict, model_validator


class Severity(str, Enum):
    ERROR = "error"  # a security hole or a broken promise of the spec
    WARNING = "warning"  # likely a problem; a reviewer would ask for a change
    INFO = "info"  # worth knowing


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str  # relative to the project root, "/"-separated
    line: int  # 1-based
    end_line: int = 0  # inclusive; 0 means `line`
    severity: Severity
    rule: str  # "CBG101" (codebegen), "S105" (ruff), "B608" (bandit)
    message: str
    replacement: str | None = None  # new text for lines line..end_line; "" deletes them

    @model_validator(mode="after")
    def _check(self) -> Finding:
        if self.line < 1:
            raise ValueError("line is 1-based")
        if self.end_line == 0:
            object.__setattr__(self, "end_line", self.line)
        if self.end_line < self.line:
            raise ValueError("end_line is before line")
        if self.replacement and not self.replacement.endswith("\n"):
            object.__setattr__(self, "replacement", self.replacement + "\n")
        return self

    @property
    def key(self) -> str:
        """What makes two findings the same: "app/main.py:12:CBG106"."""
        return f"{self.path}:{self.line}:{self.rule}"

    @property
    def source(self) -> str:
        if self.rule.startswith("CBG"):
            return "codebegen"
        return "bandit" if self.rule.startswith("B") else "ruff"


_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z0-9,\s]+))?", re.IGNORECASE)


def silenced(line: str, code: str) -> bool:
    """True when the line's `# noqa` comment names the code (or names none: all codes)."""
    match = _NOQA.search(line)
    if match is None:
        return False
    codes = match.group("codes")
    return codes is None or code.upper() in re.split(r"[,\s]+", codes.upper())


def rule_family(rule: str) -> str:
    """Rules that report the same thing share a family: bandit's B608 is ruff's S608.

    codebegen rules that restate a scanner rule on the same line join its family too.
    """
    if re.fullmatch(r"B\d{3}", rule):
        return "S" + rule[1:]
    return _ALIASES.get(rule, rule)


_ALIASES = {"CBG105": "S105", "CBG107": "S608"}
_SOURCE_ORDER = {"codebegen": 0, "ruff": 1, "bandit": 2}  # whose wording wins a duplicate


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per path, line and rule family, sorted by path and line.

    Of duplicates the codebegen one is kept (then ruff's, then bandit's), at the highest severity
    any of them had.
    """
    best: dict[tuple[str, int, str], Finding] = {}
    for f in findings:
        key = (f.path, f.line, rule_family(f.rule))
        kept = best.get(key)
        if kept is None:
            best[key] = f
            continue
        winner, other = (
            (f, kept) if _SOURCE_ORDER[f.source] < _SOURCE_ORDER[kept.source] else (kept, f)
        )
        severity = min(winner.severity, other.severity, key=_SEVERITY_ORDER.__getitem__)
        best[key] = winner.model_copy(update={"severity": severity})
    return sorted(best.values(), key=lambda f: (f.path, f.line, f.rule))


def comment_body(finding: Finding) -> str:
    """The text of an inline review comment, with a suggestion block when there is a fix."""
    body = f"{_ICON[finding.severity]} **{finding.rule}** ({finding.severity.value}): {finding.message}"
    if finding.replacement is not None:
        body += f"\n\n```suggestion\n{finding.replacement}```"
    return body


def findings_to_markdown(findings: list[Finding]) -> str:
    """A summary of all findings for a PR comment or a check run's summary."""
    if not findings:
        return "**codebegen review**: no findings. ✅"
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    tally = ", ".join(f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    lines = [
        f"**codebegen review**: {len(findings)} finding{'s' if len(findings) != 1 else ''}"
        f" ({tally}).",
        "",
        "| | Rule | Where | What |",
        "|---|---|---|---|",
    ]
    for f in sorted(findings, key=lambda f: (_SEVERITY_ORDER[f.severity], f.path, f.line)):
        where = (
            f"`{f.path}:{f.line}`" if f.end_line == f.line else f"`{f.path}:{f.line}-{f.end_line}`"
        )
        message = f.message.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {_ICON[f.severity]} | {f.rule} | {where} | {message} |")
    fixable = sum(1 for f in findings if f.replacement is not None)
    if fixable:
        lines += ["", f"{fixable} of them come with a suggested change you can apply."]
    return "\n".join(lines)
