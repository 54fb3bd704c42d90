"""Import tidying for rendered Python: drop unused names, order the rest like isort. No I/O.

Templates import what a file might need; which names a given spec uses is only known once the file
is rendered. `tidy_imports` rewrites the leading block of imports so that every generated module
passes ruff's F401 (unused import) and I001 (import order) under the generated project's config:
three sections (standard library, third party, first party `app`/`tests`), `import x` lines before
`from x import y` lines, and names ordered constants, classes, then the rest.
"""

from __future__ import annotations

import ast
import itertools
import re
import sys

FIRST_PARTY = frozenset({"app", "tests"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NEWLINE = re.compile(r"\r\n?|\n")  # the line ends Python's parser counts


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
    block = [node for node in body[start:end] if isinstance(node, ast.Import | ast.ImportFrom)]
    used = _used_names(body[end:], source, {_bound_name(a) for node in block for a in node.names})
    kept: list[ast.Import | ast.ImportFrom] = []
    for imports in block:
        future = isinstance(imports, ast.ImportFrom) and imports.module == "__future__"
        aliases = [a for a in imports.names if future or _bound_name(a) in used]
        if aliases:
            imports.names = aliases
            kept.append(imports)
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


def _used_names(rest: list[ast.stmt], source: str, wanted: set[str]) -> set[str]:
    """Which of `wanted` (the imported names) the code after the imports refers to, in string
    annotations and `__all__` too.

    Walking every node was most of a render's import tidying, so a statement is only walked when
    its text holds a word still in question: a name it uses is a word of its text (a string
    annotation's words too), unless the text could hide one (see `_may_hide_names`)."""
    starts = _line_starts(source)
    used: set[str] = set()
    pending = set(wanted)
    for stmt in rest:
        if not pending:
            break
        first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        last = stmt.end_lineno or len(starts)
        text = source[starts[first - 1] : starts[last] if last < len(starts) else len(source)]
        if not pending.isdisjoint(_NAME.findall(text)) or _may_hide_names(text):
            used |= _names_in(stmt) & pending
            pending -= used
    return used


def _line_starts(source: str) -> list[int]:
    """The offset where each line begins, lines ended as Python's parser ends them."""
    if "\r" in source:
        return [0] + [match.end() for match in _NEWLINE.finditer(source)]
    return [0, *itertools.accumulate(len(line) + 1 for line in source.split("\n"))]


# A word split across implicitly concatenated literals ("Ta" "g"): the value holds a word the
# source text does not.
_ADJACENT_LITERALS = re.compile(
    r"""\w(?:'''|\"\"\"|'|\")(?:\s|#[^\n]*)*[A-Za-z]{0,2}(?:'''|\"\"\"|'|\")\w"""
)


def _may_hide_names(text: str) -> bool:
    """Whether `text` could use a name that is not one of its words: through an escape in a string
    annotation, adjacent literals, or a non-ASCII identifier (Python NFKC-normalizes those)."""
    return not text.isascii() or "\\" in text or _ADJACENT_LITERALS.search(text) is not None


def _names_in(stmt: ast.stmt) -> set[str]:
    """Every name `stmt` reads (not assigns), and the words of its string annotations.

    A plain stack over `_fields` rather than `ast.walk`: the same nodes, in a third of the time."""
    used: set[str] = set()
    strings: list[str] = []
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is ast.Name:
            if type(node.ctx) is not ast.Store:  # type: ignore[attr-defined]
                used.add(node.id)  # type: ignore[attr-defined]
            continue
        if kind in _LEAVES:
            continue
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.AnnAssign:
            strings += _annotation_strings(node)
        elif kind is ast.Assign and any(
            type(t) is ast.Name and t.id == "__all__" for t in node.targets  # type: ignore[attr-defined]
        ):
            strings += _strings_in(node.value)  # type: ignore[attr-defined]
        for field in node._fields:
            value = getattr(node, field, None)
            if type(value) is list:
                stack += [item for item in value if isinstance(item, ast.AST)]
            elif isinstance(value, ast.AST):
                stack.append(value)
    for text in strings:
        used.update(_NAME.findall(text))
    return used


# Nodes with no Name below them: constants, and the context and operator singletons.
_LEAVES = frozenset(
    {ast.Constant, ast.Load, ast.Store, ast.Del}
    | {
        cls
        for base in (ast.operator, ast.unaryop, ast.boolop, ast.cmpop)
        for cls in base.__subclasses__()
    }
)


def _annotation_strings(node: ast.AST) -> list[str]:
    """The string constants in the annotations of a function's arguments and return, or of an
    annotated assignment (`x: "Tag"`)."""
    if isinstance(node, ast.AnnAssign):
        return _strings_in(node.annotation)
    assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
    arguments += [a for a in (node.args.vararg, node.args.kwarg) if a]
    strings: list[str] = []
    for annotation in [a.annotation for a in arguments] + [node.returns]:
        strings += _strings_in(annotation)
    return strings


def _strings_in(node: ast.AST | None) -> list[str]:
    if node is None:
        return []
    return [
        inner.value
        for inner in ast.walk(node)
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str)
    ]


def _section(module: str) -> int:
    root = module.split(".")[0]
    if root == "__future__":
        return 0
    if root in FIRST_PARTY:
        return 3
    return 1 if root in sys.stdlib_module_names else 2


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """ruff's natural order: digit runs compare as numbers (stage2 before stage10)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    )


def _member_key(name: str) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    """ruff's order-by-type: CONSTANTS, then Classes, then functions and variables."""
    if name.isupper() and len(name) > 1:
        return (0, _natural(name.lower()))
    if name[:1].isupper():
        return (1, _natural(name.lower()))
    return (2, _natural(name.lower()))


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


def _module_key(module: str) -> tuple[tuple[tuple[int, int | str], ...], str]:
    return (_natural(module.lower()), module)
