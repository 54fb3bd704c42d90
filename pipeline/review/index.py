"""What the FastAPI rules need to know about a project, read from its syntax trees. No I/O.

`ProjectIndex(files)` parses every reviewed Python file once and finds the routes (path operation
functions), the routers and how they are included (prefixes and router-level dependencies), the
dependencies of each route (its decorator's `dependencies=`, its parameters' `Depends(...)`,
including through `Annotated` type aliases such as `CurrentUser`), and which dependencies
authenticate the caller. Nothing is imported or run.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")
WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
# fastapi.security classes whose instances, used as dependencies, read credentials.
AUTH_SCHEMES = frozenset(
    {
        "OAuth2PasswordBearer",
        "OAuth2AuthorizationCodeBearer",
        "OAuth2",
        "OpenIdConnect",
        "HTTPBearer",
        "HTTPBasic",
        "HTTPDigest",
        "APIKeyHeader",
        "APIKeyCookie",
        "APIKeyQuery",
    }
)
# Names of dependencies that authenticate, for those defined outside the project
# (fastapi-users' `current_active_user`, a library's `require_auth`...).
AUTH_NAME = re.compile(
    r"current_?(active_?)?user|authenticat|authoriz|require|role|admin|superuser|permission"
    r"|login_required|principal|oauth|jwt|api_?key|verify_token|token_data",
    re.IGNORECASE,
)

Function = ast.FunctionDef | ast.AsyncFunctionDef


def is_test_path(path: str) -> bool:
    """Tests may hard-code passwords and assert freely; the reviewer leaves them alone."""
    parts = path.split("/")
    name = parts[-1]
    return "tests" in parts[:-1] or name.startswith("test_") or name == "conftest.py"


def name_of(node: ast.AST | None) -> str:
    """The last identifier of a reference: `a.b.c` -> "c", `f(x)` -> "f", `X[int]` -> "X"."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return name_of(node.func)
    if isinstance(node, ast.Subscript):
        return name_of(node.value)
    return ""


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def depends_calls(node: ast.AST | None) -> list[ast.Call]:
    """Every `Depends(...)` / `Security(...)` call inside a node."""
    if node is None:
        return []
    return [
        n
        for n in ast.walk(node)
        if isinstance(n, ast.Call) and name_of(n.func) in ("Depends", "Security")
    ]


def dependency_target(call: ast.Call) -> ast.expr | None:
    """What `Depends(x)` calls: `x` (a name or a factory call), or None for `Depends()`."""
    return call.args[0] if call.args else keyword(call, "dependency")


def parameters(func: Function) -> Iterator[tuple[ast.arg, ast.expr | None]]:
    """(parameter, default) pairs of a function, positional and keyword-only."""
    args = func.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    yield from zip(positional, [*defaults, *args.defaults], strict=True)
    yield from zip(args.kwonlyargs, args.kw_defaults, strict=True)


@dataclass
class Module:
    path: str  # "app/routers/posts.py"
    tree: ast.Module
    lines: list[str]

    @cached_property
    def name(self) -> str:
        """Dotted module name: "app.routers.posts" ("app.routers" for its __init__.py)."""
        parts = self.path.removesuffix(".py").split("/")
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    @cached_property
    def imports(self) -> dict[str, str]:
        """Local name -> dotted name it refers to ("posts" -> "app.routers.posts")."""
        package = self.name if self.path.endswith("__init__.py") else self.name.rpartition(".")[0]
        found: dict[str, str] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    found[a.asname or a.name.split(".")[0]] = (
                        a.name if a.asname else a.name.split(".")[0]
                    )
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1] if node.level > 1 else anchor
                    base = ".".join([*anchor, *([base] if base else [])])
                for a in node.names:
                    found[a.asname or a.name] = f"{base}.{a.name}" if base else a.name
        return found

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""


@dataclass
class Router:
    module: Module
    var: str
    prefix: str = ""
    dependencies: list[ast.Call] = field(default_factory=list)
    parent: tuple[Router, str, list[ast.Call]] | None = None  # (router, prefix, dependencies)

    def full_prefix(self) -> str:
        prefix, seen, node = self.prefix, {id(self)}, self
        while node.parent is not None and id(node.parent[0]) not in seen:
            parent, include_prefix, _ = node.parent
            prefix = parent.prefix + include_prefix + prefix
            seen.add(id(parent))
            node = parent
        return prefix

    def all_dependencies(self) -> list[ast.Call]:
        deps, seen, node = list(self.dependencies), {id(self)}, self
        while node.parent is not None and id(node.parent[0]) not in seen:
            parent, _, include_deps = node.parent
            deps += include_deps + parent.dependencies
            seen.add(id(parent))
            node = parent
        return deps


@dataclass
class Route:
    module: Module
    func: Function
    decorator: ast.Call
    method: str  # lower case
    path: str  # full path, prefixes included as far as they can be read
    dependencies: list[ast.Call]  # Depends/Security calls that apply to it

    @property
    def line(self) -> int:
        return self.decorator.lineno

    @property
    def def_line(self) -> int:
        return self.func.lineno

    def option(self, name: str) -> ast.expr | None:
        return keyword(self.decorator, name)

    @property
    def is_item(self) -> bool:
        """True for `/posts/{post_id}`, False for the collection `/posts`."""
        return self.path.rstrip("/").endswith("}")

    @property
    def shape(self) -> str:
        """Path with parameters blanked: "/api/posts/{}"."""
        return re.sub(r"\{[^}]*\}", "{}", self.path).rstrip("/") or "/"


class ProjectIndex:
    """Syntax trees of the reviewed Python files and the FastAPI structure read from them."""

    def __init__(self, files: dict[str, str]) -> None:
        self.modules: list[Module] = []
        for path, text in sorted(files.items()):
            if not path.endswith(".py") or is_test_path(path):
                continue
            try:
                tree = ast.parse(text, filename=path)
            except (SyntaxError, ValueError):
                continue  # the validator reports files that do not compile
            self.modules.append(Module(path, tree, text.splitlines()))
        self.by_name = {m.name: m for m in self.modules}
        self.functions: dict[str, list[tuple[Module, Function]]] = {}
        self.classes: dict[str, list[tuple[Module, ast.ClassDef]]] = {}
        self.aliases: dict[str, ast.expr] = {}  # module-level `Name = <expr>` (type aliases)
        for m in self.modules:
            for node in ast.walk(m.tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.functions.setdefault(node.name, []).append((m, node))
                elif isinstance(node, ast.ClassDef):
                    self.classes.setdefault(node.name, []).append((m, node))
            for stmt in m.tree.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                    if isinstance(stmt.targets[0], ast.Name):
                        self.aliases[stmt.targets[0].id] = stmt.value
                elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                    if stmt.value is not None:
                        self.aliases[stmt.target.id] = stmt.value
        self.routers = self._routers()
        self.routes = self._routes()
        self.auth_names = self._auth_names()

    # --- routers and routes -------------------------------------------------------------

    def _routers(self) -> dict[tuple[str, str], Router]:
        routers: dict[tuple[str, str], Router] = {}
        for m in self.modules:
            for stmt in m.tree.body:
                if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)):
                    continue
                if name_of(stmt.value.func) not in ("APIRouter", "FastAPI"):
                    continue
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        routers[(m.name, target.id)] = Router(
                            m,
                            target.id,
                            string(keyword(stmt.value, "prefix")) or "",
                            depends_calls(keyword(stmt.value, "dependencies")),
                        )
        for m in self.modules:
            for node in ast.walk(m.tree):
                if not (isinstance(node, ast.Call) and name_of(node.func) == "include_router"):
                    continue
                if not (isinstance(node.func, ast.Attribute) and node.args):
                    continue
                parent = self._router_ref(m, node.func.value, routers)
                child = self._router_ref(m, node.args[0], routers)
                if parent is not None and child is not None and child is not parent:
                    child.parent = (
                        parent,
                        string(keyword(node, "prefix")) or "",
                        depends_calls(keyword(node, "dependencies")),
                    )
        return routers

    def _router_ref(
        self, m: Module, node: ast.expr, routers: dict[tuple[str, str], Router]
    ) -> Router | None:
        """The router an expression names: `router`, `posts.router`, an imported router."""
        if isinstance(node, ast.Name):
            if (m.name, node.id) in routers:
                return routers[(m.name, node.id)]
            dotted = m.imports.get(node.id, "")
            module, _, var = dotted.rpartition(".")
            return routers.get((module, var))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = m.imports.get(node.value.id, "")
            return routers.get((module, node.attr))
        return None

    def _routes(self) -> list[Route]:
        routes = []
        for m in self.modules:
            for node in ast.walk(m.tree):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for deco in node.decorator_list:
                    route = self._route(m, node, deco)
                    if route is not None:
                        routes.append(route)
        return routes

    def _route(self, m: Module, func: Function, deco: ast.expr) -> Route | None:
        if not (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute)):
            return None
        owner, method = deco.func.value, deco.func.attr
        if method == "api_route":
            methods = keyword(deco, "methods")
            names = [string(e) for e in getattr(methods, "elts", [])]
            method = next((n.lower() for n in names if n), "get")
        elif method not in HTTP_METHODS:
            return None
        router = self._router_ref(m, owner, self.routers)
        if router is None and not re.search(r"(app|router)$", name_of(owner), re.IGNORECASE):
            return None
        path = string(deco.args[0]) if deco.args else string(keyword(deco, "path"))
        prefix = router.full_prefix() if router else ""
        deps = depends_calls(keyword(deco, "dependencies"))
        deps += router.all_dependencies() if router else []
        deps += self.parameter_dependencies(func)
        return Route(m, func, deco, method, prefix + (path or ""), deps)

    def parameter_dependencies(self, func: Function) -> list[ast.Call]:
        """Depends calls in a function's parameters, through `Annotated` aliases too."""
        found: list[ast.Call] = []
        for arg, default in parameters(func):
            found += depends_calls(default)
            found += self.annotation_dependencies(arg.annotation)
        return found

    def annotation_dependencies(
        self, node: ast.expr | None, seen: frozenset[str] = frozenset()
    ) -> list[ast.Call]:
        if node is None:
            return []
        found = depends_calls(node)
        for n in ast.walk(node):
            if isinstance(n, ast.Name) and n.id in self.aliases and n.id not in seen:
                found += self.annotation_dependencies(self.aliases[n.id], seen | {n.id})
        return found

    # --- authentication -----------------------------------------------------------------

    def _auth_names(self) -> frozenset[str]:
        """Names of dependencies that authenticate: security schemes, and functions that
        depend on one (directly, through another, or as a factory returning one)."""
        names: set[str] = set()
        for m in self.modules:
            for stmt in m.tree.body:
                if isinstance(stmt, ast.Assign) and name_of(stmt.value) in AUTH_SCHEMES:
                    names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        changed = True
        while changed:
            changed = False
            for fname, defs in self.functions.items():
                if fname in names:
                    continue
                for _, func in defs:
                    inner = [
                        n.name
                        for n in ast.walk(func)
                        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n is not func
                    ]
                    deps = self.parameter_dependencies(func)
                    if any(n in names for n in inner) or any(
                        self._authenticates(d, names) for d in deps
                    ):
                        names.add(fname)
                        changed = True
                        break
        return frozenset(names)

    def resolve_target(self, call: ast.Call) -> ast.expr | None:
        """What a dependency calls, through module-level names:
        `require_admin = require_roles(Role.ADMIN)`; `Depends(require_admin)` -> the factory call.
        """
        target = dependency_target(call)
        for _ in range(3):
            if not (isinstance(target, ast.Name) and target.id in self.aliases):
                break
            value = self.aliases[target.id]
            if not isinstance(value, ast.Call | ast.Name | ast.Attribute):
                break
            target = value
        return target

    def _authenticates(self, call: ast.Call, names: set[str] | frozenset[str]) -> bool:
        target = name_of(self.resolve_target(call))
        if target in names or target in AUTH_SCHEMES:
            return True
        return target not in self.functions and bool(AUTH_NAME.search(target))

    def is_authenticated(self, route: Route) -> bool:
        return any(self._authenticates(d, self.auth_names) for d in route.dependencies)

    # --- lookups ------------------------------------------------------------------------

    def functions_named(self, name: str) -> list[tuple[Module, Function]]:
        return self.functions.get(name, [])

    def classes_named(self, name: str) -> list[tuple[Module, ast.ClassDef]]:
        return self.classes.get(name, [])

    def module_of(self, node_module: str) -> Module | None:
        return self.by_name.get(node_module)
