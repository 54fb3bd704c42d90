"""What of a failed validation goes back to the model in the repair prompt. No I/O.

The repair round is a channel from the sandbox to the model, and the model's next reply is
committed: so only the check's name and the project's own `file:line` errors cross it, never the
raw output of code the model wrote (which could carry whatever that code managed to read). Each
line and the whole feedback have a length cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.validate.report import ValidationReport

MAX_LINES_PER_CHECK = 15  # file:line errors kept per failed check
MAX_LINE_CHARS = 200  # one kept line
MAX_FEEDBACK_CHARS = 4000  # everything fed back for one validation
# `path:line[:col]: message` (ruff, compile, black's "cannot format", pytest's --tb=short frames)
_LOCATED = re.compile(
    r"^\s*(?P<path>[\w./-]+\.(?:py|toml|ini|cfg|yaml|yml)):(?P<line>\d+)(?::\d+)?:"
)
# pytest's "FAILED tests/test_x.py::test_y - message": the node id is kept, the message is not.
_FAILED = re.compile(r"^(?:FAILED|ERROR) (?P<node>[\w./-]+\.py(?:::[\w\[\]-]+)*)")
# A summary of counts only ("2 failed, 5 passed in 1.2s"), safe to keep whole.
_COUNTS = re.compile(r"^[\d]+ \w+(?:, \d+ \w+)*(?: in [\d.]+s)?(?: \([\d:.]+\))?$")


def located_lines(text: str, project_paths: Iterable[str]) -> list[str]:
    """The lines of `text` that point at one of the project's files, each cut to a cap."""
    paths = set(project_paths)
    kept: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        located = _LOCATED.match(line)
        failed = _FAILED.match(line)
        if located and located["path"] in paths:
            kept.append(line[:MAX_LINE_CHARS])
        elif failed and failed["node"].split("::", 1)[0] in paths:
            kept.append(f"FAILED {failed['node']}"[:MAX_LINE_CHARS])
        if len(kept) >= MAX_LINES_PER_CHECK:
            break
    return list(dict.fromkeys(kept))


def repair_problems(report: ValidationReport, project_paths: Iterable[str]) -> list[str]:
    """One problem per failed check: its name, its summary when that is only counts or a
    project location, and the project's own file:line errors from its output."""
    paths = list(project_paths)
    problems: list[str] = []
    total = 0
    for check in report.failures:
        summary = check.summary.strip()
        safe = _COUNTS.match(summary) or located_lines(summary, paths)
        head = f"{check.name} failed" + (f": {summary[:MAX_LINE_CHARS]}" if safe else "")
        lines = located_lines(check.details, paths)
        problem = "\n".join([head, *lines])
        if total + len(problem) > MAX_FEEDBACK_CHARS:
            problem = head
        total += len(problem)
        problems.append(problem)
    return problems
