"""Import tidying for rendered Python: drop unused names, order the rest like isort. No I/O.

Templates import what a file might need; which names a given spec uses is only known once the file
is rendered. `tidy_imports` rewrites the leading block of imports so that every generated module
passes ruff's F401 (unused import) and I001 (import order) under the generated project's config:
three sections (standard library, third party, first party `app`/`tests`), `import x` lines before
`from x import y` lines, and names ordered constants, classes, then the rest.
"""

from __future__ import annotations

import ast
import re
import sys

FIRST_PARTY = frozenset({"app", "tests"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def tidy_imports(source: str) -> str:
    """`source` with its leading import block pruned and sorted; the rest is left as it is."""
    tree = ast.parse(source)
    body = tree.body
    start = 1 if body and _is_docstring(body[0]) else 0
    end = start
    while end < len(body) and isinstance(body[end], ast.Import | ast.ImportFrom):
        end += 1
    if end == start:
        return source
    used = _used_names(body[end:])
    kept: list[ast.Import | ast.ImportFrom] = []
    for node in body[start:end]:
        assert isinstance(node, ast.Import | ast.ImportFrom)
        future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        aliases = [a for a in node.names if future or _bound_name(a) in used]
        if aliases:
            node.names = aliases
            kept.append(node)
    lines = source.splitlines()
    head = lines[: body[start - 1].end_lineno] if start else []
    tail: list[str] = []
    if end < len(body):
        node = body[end]
        lineno = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        tail = lines[lineno - 1 - _leading_comment_lines(lines, lineno) :]
    # Blank lines as black writes them: one after the docstring, one after the imports, or two
    # when a function or class follows (so black's output usually equals its input: one pass).
    text = "\n".join(head)
    for part, is_block in ((_format_block(kept), True), ("\n".join(tail), False)):
        if part:
            gap = "\n\n\n" if not is_block and text and _starts_a_definition(part) else "\n\n"
            text = text + gap + part if text else part
    return text + "\n"


def _starts_a_definition(code: str) -> bool:
    first = next(line for line in code.splitlines() if not line.startswith("#"))
    return first.startswith(("def ", "async def ", "class ", "@"))


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _leading_comment_lines(lines: list[str], lineno: int) -> int:
    """How many comment lines directly precede line `lineno` (they belong to that statement)."""
    count = 0
    while lineno - 2 - count >= 0 and lines[lineno - 2 - count].lstrip().startswith("#"):
        count += 1
    return count


def _bound_name(alias: ast.alias) -> str:
    return alias.asname or alias.name.split(".")[0]


def _used_names(rest: list[ast.stmt]) -> set[str]:
    """Names the code after the imports refers to, in string annotations and `__all__` too."""
    used: set[str] = set()
    strings: list[str] = []
    for stmt in rest:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store):
                used.add(node.id)
            annotations: list[ast.expr | None] = []
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                arguments += [a for a in (node.args.vararg, node.args.kwarg) if a]
                annotations += [a.annotation for a in arguments] + [node.returns]
            elif isinstance(node, ast.AnnAssign):
                annotations.append(node.annotation)
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
            ):
                annotations.append(node.value)
            for annotation in annotations:
                for inner in ast.walk(annotation) if annotation else ():
                    if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                        strings.append(inner.value)
    for text in strings:
        used.update(_NAME.findall(text))
    return used


def _section(module: str) -> int:
    root = module.split(".")[0]
    if root == "__future__":
        return 0
    if root in FIRST_PARTY:
        return 3
    return 1 if root in sys.stdlib_module_names else 2


def _member_key(name: str) -> tuple[int, str]:
    """ruff's order-by-type: CONSTANTS, then Classes, then functions and variables."""
    if name.isupper() and len(name) > 1:
        return (0, name.lower())
    if name[:1].isupper():
        return (1, name.lower())
    return (2, name.lower())


def _format_block(nodes: list[ast.Import | ast.ImportFrom]) -> str:
    plain: dict[int, set[str]] = {}
    froms: dict[int, dict[str, set[str]]] = {}
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                text = alias.name + (f" as {alias.asname}" if alias.asname else "")
                plain.setdefault(_section(alias.name), set()).add(text)
        else:
            module = "." * node.level + (node.module or "")
            names = froms.setdefault(_section(module), {}).setdefault(module, set())
            names.update(a.name + (f" as {a.asname}" if a.asname else "") for a in node.names)
    sections = []
    for section in sorted(set(plain) | set(froms)):
        lines = [f"import {m}" for m in sorted(plain.get(section, ()), key=_module_key)]
        for module in sorted(froms.get(section, {}), key=_module_key):
            members = sorted(froms[section][module], key=_member_key)
            lines.append(f"from {module} import {', '.join(members)}")
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


def _module_key(module: str) -> tuple[str, str]:
    return (module.lower(), module)
