"""Rules on the app's edges: CORS, SQL built from strings, CI workflows in generated output.

No I/O.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pipeline.review.finding import Finding, Severity
from pipeline.review.index import Module, keyword, name_of, string
from pipeline.review.rules.base import Context, Rule, replace_segment

SQL_CALLS = frozenset(
    {"text", "execute", "exec_driver_sql", "executescript", "executemany", "raw", "literal_column"}
)


class WildcardCorsWithCredentials(Rule):
    code = "CBG106"
    severity = Severity.ERROR
    title = "CORS allows any origin and credentials at once"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for m in ctx.index.modules:
            for node in ast.walk(m.tree):
                if not isinstance(node, ast.Call) or not _is_cors(node):
                    continue
                credentials = keyword(node, "allow_credentials")
                if not (isinstance(credentials, ast.Constant) and credentials.value is True):
                    continue
                origins = keyword(node, "allow_origins")
                regex = string(keyword(node, "allow_origin_regex"))
                wildcard = regex in (".*", "^.*$", ".+", "^.+$") or (
                    origins is not None and any(string(n) == "*" for n in ast.walk(origins))
                )
                if not wildcard:
                    continue
                kw = next(k for k in node.keywords if k.arg == "allow_credentials")
                yield from self.at(
                    m,
                    kw,
                    "CORS accepts every origin *and* credentials: any website a signed-in user "
                    "visits can call this API as that user. List the allowed origins, or turn "
                    "credentials off.",
                    replacement=replace_segment(m, kw, "allow_credentials=False"),
                )


class SqlFromStrings(Rule):
    code = "CBG107"
    severity = Severity.ERROR
    title = "SQL built from strings (f-string, +, % or .format) passed to text()/execute()"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for m in ctx.index.modules:
            dynamic_names = _dynamic_assignments(m)
            for node in ast.walk(m.tree):
                if not (isinstance(node, ast.Call) and name_of(node.func) in SQL_CALLS):
                    continue
                statement = node.args[0] if node.args else None
                statement = statement or keyword(node, "statement") or keyword(node, "sql")
                if statement is None:
                    continue
                if name_of(node.func) not in ("text", "literal_column") and (
                    isinstance(statement, ast.Call)
                    and name_of(statement.func) in ("text", "literal_column")
                ):
                    continue  # execute(text(...)): the text() call is the finding
                if not (_is_dynamic(statement) or _names_dynamic(statement, dynamic_names)):
                    continue
                yield from self.at(
                    m,
                    node,
                    f"`{name_of(node.func)}()` runs SQL assembled from strings: a value with a "
                    "quote in it changes the query (SQL injection). Use bound parameters "
                    '(`text("... WHERE id = :id").bindparams(id=value)`) or the ORM.',
                )


class WorkflowInOutput(Rule):
    code = "CBG110"
    severity = Severity.ERROR
    title = "a .github/workflows file in generated output"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for path in sorted(ctx.files):
            if path.startswith(".github/workflows/"):
                yield Finding(
                    path=path,
                    line=1,
                    severity=self.severity,
                    rule=self.code,
                    message="generated output must not carry CI workflows: they run with the "
                    "repository's secrets, and pushing them needs the `workflows` permission "
                    "codebegen does not ask for. Remove the file.",
                )


def _is_cors(call: ast.Call) -> bool:
    if name_of(call.func) == "CORSMiddleware":
        return True
    if name_of(call.func) in ("add_middleware", "Middleware") and call.args:
        return name_of(call.args[0]) == "CORSMiddleware"
    return False


def _is_dynamic(node: ast.AST) -> bool:
    """An f-string with values in it, or strings joined with +, % or .format()."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return any(_is_stringish(side) for side in (node.left, node.right))
    if isinstance(node, ast.Call) and name_of(node.func) == "format":
        return _is_stringish(getattr(node.func, "value", None))
    if isinstance(node, ast.Call) and name_of(node.func) in ("text", "literal_column"):
        return bool(node.args) and _is_dynamic(node.args[0])
    return False


def _is_stringish(node: ast.AST | None) -> bool:
    if node is None:
        return False
    return string(node) is not None or isinstance(node, ast.JoinedStr) or _is_dynamic(node)


def _dynamic_assignments(m: Module) -> set[str]:
    """Names assigned a string built from pieces anywhere in the module."""
    names: set[str] = set()
    for node in ast.walk(m.tree):
        if isinstance(node, ast.Assign) and _is_dynamic(node.value):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            if isinstance(node.op, ast.Add) and _is_stringish(node.value):
                names.add(node.target.id)
    return names


def _names_dynamic(node: ast.AST, names: set[str]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in names
    if (
        isinstance(node, ast.Call)
        and name_of(node.func) in ("text", "literal_column")
        and node.args
    ):
        return _names_dynamic(node.args[0], names)
    return False
