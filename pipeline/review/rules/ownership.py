"""Ownership and escalation rules: other people's data and privileged sign-ups. No I/O.

| rule   | finds |
|--------|-------|
| CBG111 | an update or delete route of an owned entity that never compares the row's owner |
| CBG112 | sign-up (or the User model's default) that gives the most privileged role |
| CBG113 | HTML built from data without escaping |
| CBG114 | a list or read route of private (signed_in / owner) data that needs no authentication |

The spec is normalised first (`pipeline.normalize`), as the renderer does, so the owners and
roles are the ones the generated project was built with.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pipeline.normalize import normalize
from pipeline.review.finding import Finding, Severity
from pipeline.review.index import Function, Module, Route, name_of
from pipeline.review.rules.auth import mentions_role
from pipeline.review.rules.base import Context, Rule
from pipeline.spec import Access, AuthKind, Entity, ProjectSpec

CALL_DEPTH = 4  # route -> service method -> helper -> check
SIGN_UP_NAMES = ("register", "sign_up", "signup", "create_user", "create_account")
_ESCAPES = ("escape", "quote", "bleach", "clean")


def _spec(ctx: Context) -> ProjectSpec:
    return normalize(ctx.spec)[0]


def _routes(ctx: Context, entity: Entity, methods: tuple[str, ...], *, item: bool) -> list[Route]:
    wanted = entity.path.rstrip("/") + ("/{}" if item else "")
    return [r for r in ctx.index.routes if r.method in methods and r.shape == wanted]


class OwnerNotChecked(Rule):
    code = "CBG111"
    severity = Severity.ERROR
    title = "a write on an owned entity that never checks who owns the row"

    def check(self, ctx: Context) -> Iterator[Finding]:
        spec = _spec(ctx)
        if spec.auth is not AuthKind.JWT:
            return
        for entity in spec.entities:
            if not entity.owner:
                continue
            column = f"{entity.owner}_id"
            own = [m for m in ctx.index.modules if m.path.endswith(f"/{entity.snake}.py")]
            for route in _routes(ctx, entity, ("put", "patch", "delete"), item=True):
                if self._compares(ctx, route.func, column, [route.module, *own], CALL_DEPTH):
                    continue
                yield from self.at(
                    route.module,
                    route.decorator,
                    f"`{route.method.upper()} {route.path}` changes {entity.name} rows, which "
                    f"record their {entity.owner}, but nothing on its way compares "
                    f"`{column}` with the caller: any signed-in user can change anyone's. Check "
                    f"the {entity.owner} (or a privileged role) and answer 403.",
                )

    def _compares(
        self, ctx: Context, func: Function, column: str, modules: list[Module], depth: int
    ) -> bool:
        for node in ast.walk(func):
            if isinstance(node, ast.Compare) and any(
                isinstance(n, ast.Attribute) and n.attr == column for n in ast.walk(node)
            ):
                return True
        if depth == 0:
            return False
        called = {name_of(n.func) for n in ast.walk(func) if isinstance(n, ast.Call)}
        called.discard(func.name)
        return any(
            self._compares(ctx, other, column, modules, depth - 1)
            for name in called
            for module, other in ctx.index.functions_named(name)
            if module in modules
        )


class PrivilegedSignUp(Rule):
    code = "CBG112"
    severity = Severity.ERROR
    title = "self-registration yields the role that manages users"

    def check(self, ctx: Context) -> Iterator[Finding]:
        spec = _spec(ctx)
        if spec.auth is not AuthKind.JWT or not spec.roles:
            return
        top = [spec.roles[0]]
        message = (
            f"new accounts get the role {spec.roles[0]!r}, which manages users and everyone's "
            "data: anyone who signs up can take over the service. Give sign-ups the plain role "
            f"({spec.default_role!r}) and create the first {spec.roles[0]} from settings."
        )
        for name in SIGN_UP_NAMES:
            for module, func in ctx.index.functions_named(name):
                for node in ast.walk(func):
                    if isinstance(node, ast.keyword) and node.arg == "role":
                        if mentions_role(node.value, top):
                            yield from self.at(module, node.value, message)
        for module in ctx.index.modules:
            if not module.path.endswith("models/user.py"):
                continue
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call) and name_of(node.func) == "mapped_column":
                    default = next((k.value for k in node.keywords if k.arg == "default"), None)
                    if default is not None and _is_role(default) and mentions_role(default, top):
                        yield from self.at(module, node, message)


def _is_role(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and name_of(node.value) == "Role"


class UnescapedHtml(Rule):
    code = "CBG113"
    severity = Severity.ERROR
    title = "HTML built from data without escaping"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for module in ctx.index.modules:
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call) or name_of(node.func) != "HTMLResponse":
                    continue
                content = node.args[0] if node.args else None
                content = content or next(
                    (k.value for k in node.keywords if k.arg == "content"), None
                )
                if content is None or not _built_from_data(content) or _escaped(content):
                    continue
                yield from self.at(
                    module,
                    node,
                    "an HTML response is built from values with no escaping: a title such as "
                    "`<script>...` runs in the reader's browser. Escape each value "
                    "(`html.escape`) or render a template with autoescape on.",
                )


def _built_from_data(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp):
        return True
    return isinstance(node, ast.Call) and name_of(node.func) in ("format", "join")


def _escaped(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call) and any(e in name_of(n.func).lower() for e in _ESCAPES)
        for n in ast.walk(node)
    )


class PrivateServedAnonymously(Rule):
    code = "CBG114"
    severity = Severity.ERROR
    title = "private data served to anonymous callers"

    def check(self, ctx: Context) -> Iterator[Finding]:
        spec = _spec(ctx)
        if spec.auth is not AuthKind.JWT:
            return
        for entity in spec.entities:
            if entity.read is Access.PUBLIC:
                continue
            routes = _routes(ctx, entity, ("get",), item=False)
            routes += _routes(ctx, entity, ("get",), item=True)
            for route in routes:
                if ctx.index.is_authenticated(route):
                    continue
                yield from self.at(
                    route.module,
                    route.decorator,
                    f"codebegen.yaml says {entity.name} rows are for "
                    f"{'their owner' if entity.read is Access.OWNER else 'signed-in users'} only, "
                    f"but `GET {route.path}` depends on no authentication: anyone can read them.",
                )
