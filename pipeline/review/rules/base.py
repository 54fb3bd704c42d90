"""The base of the FastAPI rules: one small class per concern. No I/O."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from pipeline.review.finding import Finding, Severity, silenced
from pipeline.review.index import Module, ProjectIndex
from pipeline.spec import ProjectSpec


@dataclass(frozen=True)
class Context:
    """What every rule sees: the files, their syntax trees, and the spec they were made from."""

    files: dict[str, str]
    index: ProjectIndex
    spec: ProjectSpec


class Rule:
    code: ClassVar[str]  # "CBG101"
    severity: ClassVar[Severity]
    title: ClassVar[str]  # what it checks, one line

    def check(self, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def at(
        self,
        module: Module,
        node: ast.AST,
        message: str,
        *,
        end: ast.AST | None = None,
        replacement: str | None = None,
    ) -> list[Finding]:
        """The finding on the lines of `node` (through `end`); none when a `# noqa` silences it.

        A list, so that rules can `yield from self.at(...)`."""
        line = getattr(node, "lineno", 1)
        end_line = getattr(end or node, "end_lineno", None) or line
        if silenced(module.line(line), self.code):
            return []
        finding = Finding(
            path=module.path,
            line=line,
            end_line=end_line,
            severity=self.severity,
            rule=self.code,
            message=message,
            replacement=replacement,
        )
        return [finding]


def replace_segment(
    module: Module, node: ast.expr | ast.stmt | ast.keyword, new: str
) -> str | None:
    """The line holding `node` with `node`'s source replaced by `new`; None if it spans lines."""
    if node.lineno != node.end_lineno or node.end_col_offset is None:
        return None
    text = module.line(node.lineno)
    start, stop = _char_offset(text, node.col_offset), _char_offset(text, node.end_col_offset)
    return text[:start] + new + text[stop:]


def _char_offset(text: str, utf8_offset: int) -> int:
    """ast column offsets count UTF-8 bytes; strings index characters."""
    return len(text.encode("utf-8")[:utf8_offset].decode("utf-8", errors="ignore"))
