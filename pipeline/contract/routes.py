"""The routes a rendered project serves, read statically from its source with `ast`. No I/O.

`served_routes(files)` -> {"GET /pets/{}": 200, ...}: every `@<router>.<method>("path", ...)`
decorator under app/, with its `APIRouter(prefix=...)` and its `status_code` (200 when unset).
Only codebegen's own rendered files are read, and they are parsed, never executed.
"""

from __future__ import annotations

import ast
import re

from pipeline.contract.document import METHODS, route_key


def served_routes(files: dict[str, str]) -> dict[str, int]:
    routes: dict[str, int] = {}
    for path, text in sorted(files.items()):
        if path.startswith("app/") and path.endswith(".py"):
            try:
                tree = ast.parse(text)
            except SyntaxError:
                continue
            routes.update(_routes_in(tree))
    return routes


def _routes_in(tree: ast.Module) -> dict[str, int]:
    prefixes: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            prefix = next((k.value for k in node.value.keywords if k.arg == "prefix"), None)
            for target in node.targets:
                if isinstance(target, ast.Name):
                    prefixes[target.id] = _string(prefix)
    routes: dict[str, int] = {}
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for deco in func.decorator_list:
            if not (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute)):
                continue
            owner, method = deco.func.value, deco.func.attr
            if method not in METHODS or not isinstance(owner, ast.Name) or not deco.args:
                continue
            path = prefixes.get(owner.id, "") + _string(deco.args[0])
            code = next((k.value for k in deco.keywords if k.arg == "status_code"), None)
            routes[route_key(method, path)] = _status(code)
    return routes


def _string(node: ast.expr | None) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _status(node: ast.expr | None) -> int:
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.Attribute) and (m := re.match(r"HTTP_(\d{3})", node.attr)):
        return int(m.group(1))
    return 200
