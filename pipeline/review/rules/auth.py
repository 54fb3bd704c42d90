"""Authentication and authorisation rules: unauthenticated writes, roles never checked. No I/O."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from pipeline.naming import snake
from pipeline.review.finding import Finding, Severity
from pipeline.review.index import WRITE_METHODS, Function, Route, name_of
from pipeline.review.rules.base import Context, Rule
from pipeline.spec import AuthKind, Operation

# Writes that must work without a token: signing up, logging in, refreshing a token.
PUBLIC_WRITE = re.compile(
    r"login|log_in|logout|register|sign_?up|sign_?in|token|refresh|password|reset|forgot|verify"
    r"|confirm|callback|webhook|health",
    re.IGNORECASE,
)
# Which route carries each operation: (HTTP methods, on the item path?)
OPERATION_ROUTES = {
    Operation.CREATE: (("post",), False),
    Operation.LIST: (("get",), False),
    Operation.READ: (("get",), True),
    Operation.UPDATE: (("put", "patch"), True),
    Operation.DELETE: (("delete",), True),
}
CALL_DEPTH = 3  # how far role checks are followed into called functions


class UnauthenticatedWrite(Rule):
    code = "CBG101"
    severity = Severity.ERROR
    title = "write endpoint without an authentication dependency while the spec asks for auth"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.spec.auth is not AuthKind.JWT:
            return
        for route in ctx.index.routes:
            if route.method not in WRITE_METHODS or ctx.index.is_authenticated(route):
                continue
            if PUBLIC_WRITE.search(route.path) or PUBLIC_WRITE.search(route.func.name):
                continue
            yield from self.at(
                route.module,
                route.decorator,
                f"`{route.method.upper()} {route.path or '/'}` changes data but depends on no "
                "authentication: anyone can call it. The spec asks for JWT auth; add the "
                "current-user dependency (e.g. `current_user: CurrentUser`).",
                end=route.func.args if route.func.args.args else route.decorator,
            )


class RoleNotEnforced(Rule):
    code = "CBG102"
    severity = Severity.ERROR
    title = "a role the spec gives rights to is never checked, or a permission's route skips it"

    def check(self, ctx: Context) -> Iterator[Finding]:
        spec = ctx.spec
        if not spec.roles:
            return
        for permission in spec.permissions:
            roles = [*permission.roles, spec.roles[0]]
            entity = spec.entity(permission.entity)
            for action in permission.actions:
                for route in self._routes_for(ctx, entity.path, action):
                    if self._route_checks(ctx, route, roles):
                        continue
                    yield from self.at(
                        route.module,
                        route.decorator,
                        f"codebegen.yaml allows only {', '.join(permission.roles)} to "
                        f"{action.value} {entity.name}, but `{route.method.upper()} {route.path}` "
                        "checks no role: any signed-in user can do it.",
                    )
        required = {spec.roles[0], *(r for p in spec.permissions for r in p.roles)}
        for role in sorted(required):
            if not self._checked_anywhere(ctx, role):
                yield from self._declared_at(ctx, role)

    def _routes_for(self, ctx: Context, collection: str, action: Operation) -> list[Route]:
        methods, item = OPERATION_ROUTES[action]
        wanted = collection.rstrip("/") + ("/{}" if item else "")
        return [
            r
            for r in ctx.index.routes
            if r.method in methods and (r.shape == wanted or r.shape.endswith(wanted))
        ]

    def _route_checks(self, ctx: Context, route: Route, roles: list[str]) -> bool:
        resolved = [ctx.index.resolve_target(d) for d in route.dependencies]
        if any(mentions_role(node, roles) for node in [*route.dependencies, *resolved] if node):
            return True
        targets = [name_of(node) for node in resolved]
        return any(
            checks_role(ctx, func, roles, CALL_DEPTH)
            for name in [*targets, route.func.name]
            for _, func in ctx.index.functions_named(name)
        )

    def _checked_anywhere(self, ctx: Context, role: str) -> bool:
        for m in ctx.index.modules:
            for node in ast.walk(m.tree):
                if isinstance(node, ast.Compare) and mentions_role(node, [role]):
                    return True
                if not isinstance(node, ast.Call):
                    continue
                called = name_of(node.func)  # Depends(...), or an auth factory: require_roles(...)
                if called in ("Depends", "Security") or called in ctx.index.auth_names:
                    if mentions_role(node, [role]):
                        return True
        return False

    def _declared_at(self, ctx: Context, role: str) -> Iterator[Finding]:
        """The finding goes where the role is declared (its enum member), else on main.py."""
        for m in ctx.index.modules:
            for node in ast.walk(m.tree):
                if isinstance(node, ast.Assign) and mentions_role(node.value, [role]):
                    if any(mentions_role(t, [role]) for t in node.targets):
                        yield from self.at(m, node, _unchecked(role))
                        return
        main = next((m for m in ctx.index.modules if m.path.endswith("main.py")), None)
        if main is not None:
            yield from self.at(
                main, main.tree.body[0] if main.tree.body else main.tree, _unchecked(role)
            )


def _unchecked(role: str) -> str:
    return (
        f"role {role!r} is declared in codebegen.yaml and given rights, but no dependency or "
        "comparison ever checks it: the role grants nothing."
    )


def mentions_role(node: ast.AST, roles: list[str]) -> bool:
    """True when the node refers to one of the roles: "admin", Role.ADMIN, Role.admin."""
    wanted = {snake(r) for r in roles} | {r.lower() for r in roles}
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.lower() in wanted:
            return True
        if isinstance(n, ast.Attribute) and n.attr.lower() in wanted:
            return True
        if isinstance(n, ast.Name) and n.id.lower() in wanted and n.id.isupper():
            return True
    return False


def checks_role(ctx: Context, func: Function, roles: list[str], depth: int) -> bool:
    """True when the function compares against a role, or calls or depends on one that does."""
    for node in ast.walk(func):
        if isinstance(node, ast.Compare) and mentions_role(node, roles):
            return True
    if depth == 0:
        return False
    deps = ctx.index.parameter_dependencies(func)
    resolved = [ctx.index.resolve_target(d) for d in deps]
    if any(mentions_role(node, roles) for node in [*deps, *resolved] if node):
        return True
    called = {name_of(n.func) for n in ast.walk(func) if isinstance(n, ast.Call)}
    called |= {name_of(node) for node in resolved}
    called.discard(func.name)
    return any(
        checks_role(ctx, other, roles, depth - 1)
        for name in called
        for _, other in ctx.index.functions_named(name)
    )
