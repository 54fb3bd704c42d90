"""The rendered project + the input OpenAPI document -> that exact API, implemented. No I/O
beyond reading codebegen's own template files.

`implement_contract(files, doc)` replaces the template's entity API (routers, services,
repositories, schemas, its own login, their tests) with the document's: `app/routers/api.py` has
one route per operation at its declared path and method with its declared parameters, each
either implemented (`app/contract/operations.py` runs the plan `pipeline.contract.patterns` chose)
or a 501 stub that says so. The document itself travels as `app/contract/document.json` (the app
obeys it and describes itself with it at /openapi.json) and as `contract/openapi.input.yaml` (for
validation's "contract" check). Stored records keep the document's field names exactly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from pipeline import codesafe
from pipeline.contract.document import ApiOperation, read_operations
from pipeline.contract.patterns import plan_operations
from pipeline.contract.router import (
    INPUT_PATH,
    ContractOutcome,
    function_name,
    route_parameters,
    stub_route,
)
from pipeline.contract.selftest import with_contract_tests
from pipeline.render import render_project
from pipeline.render.formatting import format_sources
from pipeline.render.pysource import tidy_imports
from pipeline.spec import AuthKind, ProjectSpec

ROUTER_PATH = "app/routers/api.py"
_TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "contract"
# Template files of the entity API that the document's own API replaces.
_REPLACED = (
    "app/auth/",
    "app/models/",
    "app/repositories/",
    "app/routers/",
    "app/schemas/",
    "app/services/",
    "app/storage.py",
    "alembic/versions/",
    "tests/",
)
_KEPT = ("app/routers/__init__.py", "tests/__init__.py", "tests/test_migrations.py")
# Generated file -> the template it is copied from (verbatim: they hold no variables).
CONTRACT_TEMPLATES = {
    "app/contract/__init__.py": "init.py.j2",
    "app/contract/accounts.py": "accounts.py.j2",
    "app/contract/callers.py": "callers.py.j2",
    "app/contract/calls.py": "calls.py.j2",
    "app/contract/document.py": "document.py.j2",
    "app/contract/listing.py": "listing.py.j2",
    "app/contract/models.py": "models.py.j2",
    "app/contract/operations.py": "operations.py.j2",
    "app/contract/records.py": "records.py.j2",
    "app/contract/revisions.py": "revisions.py.j2",
    "app/contract/shapes.py": "shapes.py.j2",
    "app/contract/storage.py": "storage.py.j2",
    "app/contract/views.py": "views.py.j2",
    "app/models/__init__.py": "models_init.py.j2",
    "app/main.py": "main.py.j2",
    "alembic/versions/0001_initial.py": "migration.py.j2",
    "tests/conftest.py": "conftest.py.j2",
    "tests/test_contract.py": "test_contract.py.j2",
}

_HEAD = '''"""The input OpenAPI document's operations, at their declared paths and methods.

Each implemented route hands its declared parameters to `app.contract.operations.execute`, which
runs what the document asks of it; each route codebegen did not implement answers 501 (Not
Implemented) saying so, in the declared media type. Literal paths come before parameter paths
(`/notes/search` before `/notes/{noteId}`), so each request reaches its own operation.
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Cookie, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from app.contract.operations import execute
from app.db.session import SessionDep

router = APIRouter()


def not_implemented(what: str, media_type: str) -> Response:
    """501 with a body saying which operation is missing, in the declared media type."""
    message = f"not implemented by codebegen: {what}"
    if media_type == "application/json" or media_type.endswith("+json"):
        return JSONResponse({"detail": message}, status_code=501)
    return Response(message, status_code=501, media_type=media_type)
'''


def render_contract_project(
    spec: ProjectSpec, doc: dict[str, Any], handlers: dict[str, str] | None = None
) -> ContractOutcome:
    """The project for a description that holds `doc`: the template's settings, database and
    tooling (with its token and password-hashing settings, whatever the document), and the
    document's API in place of the template's."""
    # The template renders only the project around the API (settings, database, tooling): the
    # roles, permissions and rules read from the prose belong to its entity API, which the
    # document's replaces (its start-up would create a first admin with the template's login).
    bare = {"auth": AuthKind.JWT, "roles": [], "default_role": "", "permissions": [], "rules": []}
    files = render_project(spec.model_copy(update=bare))
    # The document's security schemes govern (app/contract/callers.py), not the template's login.
    files["codebegen.yaml"] = spec.model_copy(update={"auth": AuthKind.NONE}).to_yaml()
    return implement_contract(files, doc, handlers)


def implement_contract(
    files: dict[str, str], doc: dict[str, Any], handlers: dict[str, str] | None = None
) -> ContractOutcome:
    """`files` serving the document's API: implemented operations and 501 stubs. `handlers`
    ({"GET /stats": "get_stats"}) are operations the code model implemented, each run by its
    function in app/contract/handlers.py (which the caller adds)."""
    ops = read_operations(doc)
    plans = plan_operations(doc)
    plans.update(
        {key: {"pattern": "handler", "handler": name} for key, name in (handlers or {}).items()}
    )
    out = {
        path: text
        for path, text in files.items()
        if path in _KEPT or not path.startswith(_REPLACED)
    }
    static = {
        path: (_TEMPLATES / name).read_text(encoding="utf-8")
        for path, name in CONTRACT_TEMPLATES.items()
    }
    python = {path: tidy_imports(text) for path, text in static.items() if path.endswith(".py")}
    python[ROUTER_PATH] = tidy_imports(router_source(ops, plans))
    out.update(format_sources(python))
    served = {**doc, "x-codebegen": plans}
    out["app/contract/document.json"] = json.dumps(served, indent=2, default=str) + "\n"
    out[INPUT_PATH] = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    out = with_contract_tests(out)
    if "README.md" in out:
        out["README.md"] = _readme(out["README.md"], ops, plans)
    if ".gitignore" in out:
        out[".gitignore"] = out[".gitignore"].rstrip("\n") + "\nstorage/\n"  # uploaded files
    stubs = [op.key for op in ops if op.key not in plans]
    said = (
        f"The input OpenAPI document is served as written: {len(plans)} of {len(ops)} operations"
        " implemented, the others answer 501 and are listed as not implemented. Operations the"
        " document secures act on the caller's own records only."
    )
    return ContractOutcome(dict(sorted(out.items())), ops, stubs, [said])


def _order(op: ApiOperation) -> list[int]:
    """Literal segments before parameters, position by position."""
    return [1 if s.startswith("{") else 0 for s in op.path.strip("/").split("/")]


def router_source(ops: list[ApiOperation], plans: dict[str, dict[str, Any]]) -> str:
    taken: set[str] = set()
    ids = [op.operation_id for op in ops]
    blocks = [_HEAD]
    for op in sorted(ops, key=_order):
        name = function_name(op, taken)
        unique_id = op.operation_id if op.operation_id and ids.count(op.operation_id) == 1 else ""
        if op.key in plans:
            blocks.append(_implemented(op, name, unique_id, plans[op.key]["pattern"]))
        elif op.security:  # a secured stub asks for credentials first (401), then says 501
            blocks.append(_implemented(op, name, unique_id, "", stub=True))
        else:
            blocks.append(stub_route(op, name, unique_id))
    return "\n\n".join(blocks)


def _implemented(
    op: ApiOperation, name: str, operation_id: str, pattern: str, *, stub: bool = False
) -> str:
    """A route handing its parameters to `execute` (which answers 501 for a `stub`)."""
    lit = codesafe.py_literal
    args = [lit(op.path), f"status_code={op.success}"]
    if stub:
        args.append('responses={501: {"description": "Not implemented by codebegen"}}')
        pattern = "not implemented by codebegen"
    if operation_id:
        args.append(f"operation_id={lit(operation_id)}")
    if op.summary:
        args.append(f"summary={lit(op.summary)}")
    names: dict[str, str] = {}
    params = ["request: Request", "session: SessionDep", *route_parameters(op, names)]
    values = "{" + ", ".join(f"{lit(k)}: {v}" for k, v in names.items()) + "}"
    return (
        f"@router.{op.method.lower()}({', '.join(args)})\n"
        f"async def {name}({', '.join(params)}) -> Response:\n"
        f'    """{codesafe.docstring_text(op.key)}: {pattern}."""\n'
        f"    return await execute(request, session, {lit(op.key)}, {values})\n"
    )


_LAYOUT = """```
app/main.py           application, the API router, /health
app/routers/api.py    one route per operation of the input document (implemented or 501)
app/contract/         the document (document.json) and what runs its operations: records,
                      list filters, security schemes, uploads
app/core/config.py    settings (environment variables)
app/db/               engine, sessions, declarative base, start-up
alembic/              migrations
contract/             the input document, for contract tests
tests/                pytest suite
```"""


def _readme(readme: str, ops: list[ApiOperation], plans: dict[str, dict[str, Any]]) -> str:
    """The template's README with the document's operations as its endpoints and this layout."""
    rows = ["| method | path | what it does | who |", "|---|---|---|---|"]
    for op in ops:
        pattern = plans.get(op.key, {}).get("pattern", "answers 501: not implemented")
        who = "signed in (" + ", ".join(op.security) + ")" if op.security else "anyone"
        rows.append(f"| {op.method} | `{op.path}` | {pattern} | {who} |")
    endpoints = (
        "Interactive documentation is served at `/docs`; `/openapi.json` is the input OpenAPI "
        "document's operations as this app serves them.\n\n" + "\n".join(rows)
    )
    readme = _section(readme, "Endpoints", endpoints)
    return _section(readme, "Layout", _LAYOUT)


def _section(readme: str, title: str, body: str) -> str:
    """`readme` with the body of its `## title` section replaced (unchanged when absent)."""
    pattern = re.compile(rf"(^## {re.escape(title)}\n\n).*?(?=^## |\Z)", re.M | re.S)
    return pattern.sub(lambda m: m.group(1) + body + "\n\n", readme, count=1)
