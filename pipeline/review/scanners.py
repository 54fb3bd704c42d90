"""Security scanners: ruff's `S` rules and bandit, run on a temporary copy of the project.

I/O: writes the Python files to a temporary directory and runs `ruff` and `bandit` there as
subprocesses of this interpreter. Both only read the files; neither imports or runs them.

Both honour their own suppressions (`# noqa: S105`, `# nosec`). A bandit finding is also
suppressed by a `# noqa` naming the equivalent ruff rule (B105 ↔ S105), so one comment silences
one problem for both scanners.
"""

from __future__ import annotations

import json
import subprocess  # noqa: S404  (runs the scanners with fixed arguments, no shell)
import sys
import tempfile
from pathlib import Path
from typing import Any

from pipeline.errors import CodebegenError
from pipeline.review.finding import Finding, Severity, silenced

SCANNER_TIMEOUT_S = 120  # per scanner; both take about a second on a generated project
RUFF_IGNORE = ("S101",)  # assert: fine in application code that is not run with -O
BANDIT_SKIP = ("B101",)  # the same rule in bandit
# ruff rules that are errors (injection, disabled TLS checks, unsafe deserialisation);
# the other S rules are warnings.
RUFF_ERRORS = frozenset(
    {"S102", "S105", "S106", "S107", "S301", "S307", "S501", "S506", "S602", "S605", "S608"}
)
_BANDIT_SEVERITY = {"HIGH": Severity.ERROR, "MEDIUM": Severity.WARNING, "LOW": Severity.INFO}


class ScannerError(CodebegenError):
    """A scanner could not run or its output could not be read: a broken installation."""


def scan(files: dict[str, str]) -> list[Finding]:
    """Ruff and bandit findings for the given Python files (paths relative to the project)."""
    if not files:
        return []
    with tempfile.TemporaryDirectory(prefix="codebegen-review-") as tmp:
        root = Path(tmp)
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return run_ruff(root, files) + run_bandit(root, files)


def run_ruff(root: Path, files: dict[str, str]) -> list[Finding]:
    argv = ["-m", "ruff", "check", "--isolated", "--no-cache", "--exit-zero", "--select", "S"]
    argv += ["--ignore", ",".join(RUFF_IGNORE), "--output-format", "json", "."]
    rows = _run_json(argv, root, ok_codes=(0,))
    findings = []
    for row in rows:
        path = _relative(row["filename"], root)
        line, end = row["location"]["row"], row["end_location"]["row"]
        replacement = None
        fixed = _fix_as_replacement(row.get("fix"), files[path])
        if fixed is not None:  # the suggestion replaces exactly the lines the fix touches
            line, end, replacement = fixed
        findings.append(
            Finding(
                path=path,
                line=line,
                end_line=end,
                severity=Severity.ERROR if row["code"] in RUFF_ERRORS else Severity.WARNING,
                rule=row["code"],
                message=f"{row['message']} ({row['url']})" if row.get("url") else row["message"],
                replacement=replacement,
            )
        )
    return findings


def run_bandit(root: Path, files: dict[str, str]) -> list[Finding]:
    argv = ["-m", "bandit", "-q", "-f", "json", "-r", "--skip", ",".join(BANDIT_SKIP), "."]
    data = _run_json(argv, root, ok_codes=(0, 1))  # 1: issues were found
    if data.get("errors"):
        raise ScannerError(f"bandit could not read: {data['errors']}")
    findings = []
    for row in data.get("results", []):
        path = _relative(row["filename"], root)
        lines = row.get("line_range") or [row["line_number"]]
        if silenced(_line(files[path], row["line_number"]), "S" + row["test_id"][1:]):
            continue
        findings.append(
            Finding(
                path=path,
                line=min(lines),
                end_line=max(lines),
                severity=_BANDIT_SEVERITY.get(row["issue_severity"], Severity.WARNING),
                rule=row["test_id"],
                message=f"{row['issue_text']} ({row['more_info']})",
            )
        )
    return findings


def _run_json(argv: list[str], root: Path, *, ok_codes: tuple[int, ...]) -> Any:
    try:
        proc = subprocess.run(  # noqa: S603  (this interpreter, fixed arguments)
            [sys.executable, *argv],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=SCANNER_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ScannerError(f"{argv[1]} took longer than {SCANNER_TIMEOUT_S}s") from exc
    if proc.returncode not in ok_codes:
        raise ScannerError(f"{argv[1]} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    try:
        return json.loads(proc.stdout or "null")
    except json.JSONDecodeError as exc:
        raise ScannerError(f"{argv[1]} printed something that is not JSON: {exc}") from exc


def _relative(filename: str, root: Path) -> str:
    path = Path(filename)
    if not path.is_absolute():
        path = root / path
    return path.resolve().relative_to(root.resolve()).as_posix()


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _fix_as_replacement(fix: dict[str, Any] | None, text: str) -> tuple[int, int, str] | None:
    """A ruff fix as (first line, last line, their new text): what a suggestion block replaces."""
    if not fix or not fix.get("edits"):
        return None
    edits = fix["edits"]
    first: int = min(e["location"]["row"] for e in edits)
    last: int = max(e["end_location"]["row"] for e in edits)
    lines = text.splitlines(keepends=True)
    if last > len(lines):
        return None
    block = lines[first - 1 : last]
    offsets = [0]
    for chunk in block:
        offsets.append(offsets[-1] + len(chunk))
    joined = "".join(block)

    def at(loc: dict[str, int]) -> int:  # ruff columns are 1-based character offsets
        return offsets[loc["row"] - first] + int(loc["column"]) - 1

    for edit in sorted(edits, key=lambda e: at(e["location"]), reverse=True):
        joined = (
            joined[: at(edit["location"])] + edit["content"] + joined[at(edit["end_location"]) :]
        )
    return first, last, joined
