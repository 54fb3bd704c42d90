"""Route rules: uncapped list endpoints, routes without a response model, unchecked uploads.

No I/O.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from pipeline.review.finding import Finding, Severity
from pipeline.review.index import (
    Function,
    Module,
    ProjectIndex,
    Route,
    dependency_target,
    keyword,
    name_of,
    parameters,
)
from pipeline.review.rules.base import Context, Rule, replace_segment

LIMIT_NAMES = frozenset({"limit", "page_size", "per_page", "size", "take", "max_results", "top"})
PAGE_NAMES = LIMIT_NAMES | {"offset", "skip", "page", "cursor"}
SUGGESTED_CAP = 100  # the `le=` a suggestion adds to an uncapped limit
# Responses that are not JSON models: files, streams, redirects, HTML.
NON_MODEL_RESPONSES = re.compile(r"Response$|^Response$")
MODEL_CLASSES = ("Query", "Field", "Path", "Body", "Form", "Header", "conint")
CALL_DEPTH = 3  # how far upload checks are followed into called functions


class UncappedList(Rule):
    code = "CBG103"
    severity = Severity.WARNING
    title = "list endpoint whose page size is not capped (Query(..., le=N))"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for route in ctx.index.routes:
            if route.method != "get" or route.is_item or not _returns_many(route):
                continue
            limits = list(_limit_parameters(ctx.index, route.func, depth=CALL_DEPTH))
            if not limits:
                if ctx.spec.features.pagination:
                    yield from self.at(
                        route.module,
                        route.decorator,
                        f"`GET {route.path or '/'}` returns every row: one request can read the "
                        "whole table. Take a `limit` capped with `Query(default=20, ge=1, "
                        f"le={SUGGESTED_CAP})` (and an `offset`).",
                    )
                continue
            for module, arg, default, capped in limits:
                if capped:
                    continue
                yield from self.at(
                    module,
                    arg,
                    f"`{arg.arg}` has no upper bound: `?{arg.arg}=1000000` reads the whole "
                    f"table. Cap it (`le={SUGGESTED_CAP}`).",
                    end=default or arg,
                    replacement=_cap_suggestion(module, arg, default),
                )


class MissingResponseModel(Rule):
    code = "CBG104"
    severity = Severity.WARNING
    title = "route without response_model or return annotation (204 and file responses exempt)"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for route in ctx.index.routes:
            model = route.option("response_model")
            if route.func.returns is not None or (model is not None and not _is_none(model)):
                continue
            if _no_body(route):
                continue
            yield from self.at(
                route.module,
                route.decorator,
                f"`{route.method.upper()} {route.path or '/'}` has no `response_model` and no "
                "return annotation: the response is not validated or filtered (fields like "
                "`hashed_password` can leak) and /docs shows no schema.",
            )


class UnlimitedUpload(Rule):
    code = "CBG109"
    severity = Severity.ERROR
    title = "file upload with no size or no type limit"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for route in ctx.index.routes:
            for arg, default in parameters(route.func):
                if not _is_upload(arg, default):
                    continue
                size, kind = _upload_checks(ctx.index, route.func, CALL_DEPTH, set())
                missing = [w for w, ok in (("size", size), ("content type", kind)) if not ok]
                if not missing:
                    continue
                yield from self.at(
                    route.module,
                    arg,
                    f"upload `{arg.arg}` is stored without checking its {' or '.join(missing)}: "
                    "anyone can fill the disk or store any file. Reject files over a maximum "
                    "size (413) and types outside an allow-list (415).",
                )


# --- helpers ------------------------------------------------------------------------------


def _returns_many(route: Route) -> bool:
    declared = route.option("response_model") or route.func.returns
    text = ast.unparse(declared) if declared is not None else ""
    if re.search(r"\b(list|List|Sequence|Iterable|Page\w*|\w*Page|\w*List)\b", text):
        return True
    return any(arg.arg in PAGE_NAMES for arg, _ in parameters(route.func))


def _limit_parameters(
    index: ProjectIndex, func: Function, *, depth: int
) -> Iterator[tuple[Module, ast.arg, ast.expr | None, bool]]:
    """(module, parameter, default, capped?) for every page-size parameter the route takes,
    itself or through a dependency or a pydantic model of query parameters."""
    module = _module_of(index, func)
    for arg, default in parameters(func):
        if arg.arg in LIMIT_NAMES and module is not None:
            yield module, arg, default, _capped(index, arg.annotation) or _capped(index, default)
            continue
        if depth == 0:
            continue
        for cls_name in _model_names(arg, default):
            for _, other in index.functions_named(cls_name):
                yield from _limit_parameters(index, other, depth=depth - 1)
            for cls_module, cls in index.classes_named(cls_name):
                yield from _class_limits(index, cls_module, cls)


def _model_names(arg: ast.arg, default: ast.expr | None) -> set[str]:
    """Names a parameter draws parameters from: its annotation's classes, a Depends target."""
    names = (
        {n.id for n in ast.walk(arg.annotation) if isinstance(n, ast.Name)}
        if arg.annotation
        else set()
    )
    if isinstance(default, ast.Call) and name_of(default.func) in ("Depends", "Security"):
        target = dependency_target(default)
        if target is not None:
            names.add(name_of(target))
    return names


def _class_limits(
    index: ProjectIndex, module: Module, cls: ast.ClassDef, depth: int = CALL_DEPTH
) -> Iterator[tuple[Module, ast.arg, ast.expr | None, bool]]:
    """Page-size fields of a query-parameter model, its base classes' included."""
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            if stmt.target.id in LIMIT_NAMES:
                arg = ast.arg(arg=stmt.target.id, annotation=stmt.annotation)
                ast.copy_location(arg, stmt)
                arg.end_lineno, arg.end_col_offset = stmt.end_lineno, stmt.end_col_offset
                capped = _capped(index, stmt.annotation) or _capped(index, stmt.value)
                yield module, arg, stmt.value, capped
    if depth > 0:
        for base in cls.bases:
            for base_module, base_cls in index.classes_named(name_of(base)):
                if base_cls is not cls:
                    yield from _class_limits(index, base_module, base_cls, depth - 1)


def _capped(index: ProjectIndex, node: ast.expr | None, seen: frozenset[str] = frozenset()) -> bool:
    """True when a `le=`/`lt=` bound appears in Query/Field/... metadata, through aliases too."""
    if node is None:
        return False
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and name_of(n.func) in MODEL_CLASSES:
            if keyword(n, "le") is not None or keyword(n, "lt") is not None:
                return True
        if isinstance(n, ast.Name) and n.id in index.aliases and n.id not in seen:
            if _capped(index, index.aliases[n.id], seen | {n.id}):
                return True
    return False


def _cap_suggestion(module: Module, arg: ast.arg, default: ast.expr | None) -> str | None:
    """`limit: int = Query(20, ge=1)` -> `... Query(20, ge=1, le=100)`, when on one line."""
    if isinstance(default, ast.Call) and name_of(default.func) in ("Query", "Field"):
        source = ast.unparse(default)
        return replace_segment(module, default, source[:-1] + f", le={SUGGESTED_CAP})")
    if default is not None and "Query" in module.imports:
        value = ast.unparse(default)
        return replace_segment(module, default, f"Query(default={value}, ge=1, le={SUGGESTED_CAP})")
    return None


def _module_of(index: ProjectIndex, func: Function) -> Module | None:
    for m, f in index.functions_named(func.name):
        if f is func:
            return m
    return None


def _is_none(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _no_body(route: Route) -> bool:
    """204 responses, and files, streams, redirects and HTML: no JSON model to declare."""
    status = route.option("status_code")
    if status is not None and "204" in ast.unparse(status):
        return True
    response_class = route.option("response_class")
    if response_class is not None and NON_MODEL_RESPONSES.search(name_of(response_class)):
        return True
    returned = [n.value for n in ast.walk(route.func) if isinstance(n, ast.Return) and n.value]
    return bool(returned) and all(
        isinstance(r, ast.Call) and NON_MODEL_RESPONSES.search(name_of(r.func)) for r in returned
    )


def _is_upload(arg: ast.arg, default: ast.expr | None) -> bool:
    names = {name_of(n) for n in ast.walk(arg.annotation)} if arg.annotation else set()
    if isinstance(default, ast.Call):
        names.add(name_of(default.func))
    return "UploadFile" in names or "File" in names


_SIZE_WORDS = re.compile(r"(max|limit).*(size|bytes|mb|upload)|(size|upload).*(max|limit)", re.I)
_TYPE_WORDS = re.compile(r"content_?types?|mime|allowed_?types|extensions?|suffix", re.I)


def _upload_checks(
    index: ProjectIndex, func: Function, depth: int, seen: set[int]
) -> tuple[bool, bool]:
    """(size checked?, type checked?) in the function and the project functions it calls."""
    seen.add(id(func))
    size = kind = False
    for n in ast.walk(func):
        ident = n.attr if isinstance(n, ast.Attribute) else n.id if isinstance(n, ast.Name) else ""
        if ident == "size" or _SIZE_WORDS.search(ident):
            size = True
        if _TYPE_WORDS.search(ident):
            kind = True
        if isinstance(n, ast.Compare) and any(
            isinstance(c, ast.Call) and name_of(c.func) == "len" for c in ast.walk(n)
        ):
            size = True
    if (size and kind) or depth == 0:
        return size, kind
    called = {name_of(n.func) for n in ast.walk(func) if isinstance(n, ast.Call)}
    called |= {name_of(dependency_target(d)) for d in index.parameter_dependencies(func)}
    for name in called:
        for _, other in index.functions_named(name):
            if id(other) in seen:
                continue
            more_size, more_kind = _upload_checks(index, other, depth - 1, seen)
            size, kind = size or more_size, kind or more_kind
    return size, kind
