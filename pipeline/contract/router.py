"""The rendered project + the input OpenAPI document -> every operation of it served. No I/O.

`add_contract(files, doc)` reads the document's operations, finds which of them the rendered
routes already serve (same method and path), and renders `app/routers/contract.py`: one route
per remaining operation, at its exact path and method, with its declared path, query, header and
cookie parameters, request body content types and responses, answering 501 "not implemented by
codebegen: METHOD PATH" in its declared media type. `app/main.py` includes that router before the
entity routers (so `/notes/search` is not taken for `/notes/{note_id}`), and the document goes
into the project as `contract/openapi.input.yaml` for validation's "contract" check.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from pipeline import codesafe
from pipeline.contract.document import ApiOperation, Parameter, read_operations, route_key
from pipeline.contract.routes import served_routes
from pipeline.contract.status import follow_create_status
from pipeline.naming import snake
from pipeline.render.formatting import format_sources
from pipeline.render.pysource import tidy_imports

ROUTER_PATH = "app/routers/contract.py"
INPUT_PATH = "contract/openapi.input.yaml"  # the input document, read by validation
_PARAM = re.compile(r"\{([^}]*)\}")
_TYPES = {"integer": "int", "number": "float", "boolean": "bool"}
_MARKERS = {"path": "Path", "query": "Query", "header": "Header", "cookie": "Cookie"}

_HEAD = '''"""Operations of the input OpenAPI document that codebegen did not implement.

Each is served at its declared path and method with its declared parameters and answers 501
(Not Implemented), so the API has the document's shape and says plainly what is missing.
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Cookie, Header, Path, Query
from fastapi.responses import JSONResponse, Response

router = APIRouter(tags=["not implemented"])


def not_implemented(what: str, media_type: str) -> Response:
    """501 with a body saying which operation is missing, in the declared media type."""
    message = f"not implemented by codebegen: {what}"
    if media_type == "application/json" or media_type.endswith("+json"):
        return JSONResponse({"detail": message}, status_code=501)
    return Response(message, status_code=501, media_type=media_type)
'''


@dataclass
class ContractOutcome:
    files: dict[str, str]
    operations: list[ApiOperation] = field(default_factory=list)  # all, in document order
    not_implemented: list[str] = field(default_factory=list)  # "GET /notes/search", answer 501
    notes: list[str] = field(default_factory=list)  # where a served route differs from the doc


def add_contract(files: dict[str, str], doc: dict[str, Any]) -> ContractOutcome:
    """`files` with the contract router, main.py including it, and the input document."""
    ops = read_operations(doc)
    served = served_routes(files)
    missing: list[ApiOperation] = []
    notes: list[str] = []
    for op in ops:
        code = served.get(route_key(op.method, op.path))
        if code is None:
            missing.append(op)
        elif code != op.success:
            aligned = (
                follow_create_status(files, op.path, op.success) if op.method == "POST" else None
            )
            if aligned is None:
                notes.append(f"{op.key} answers {code} where the document declares {op.success}.")
            files = aligned or files
    out = {**files, INPUT_PATH: yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)}
    if missing and "app/main.py" in files:
        source = tidy_imports(router_source(missing))
        main = tidy_imports(_include(files["app/main.py"]))
        out.update(format_sources({ROUTER_PATH: source, "app/main.py": main}))
    return ContractOutcome(out, ops, [op.key for op in missing], notes)


def reword_left_out(
    notes: list[str], not_implemented: list[str], implemented: Sequence[str] = ()
) -> list[str]:
    """The parser's "Left out /path: why" notes, said truly once /path is served: as 501 stubs,
    or dropped where every operation at /path is implemented."""
    stubbed = {key.split(" ", 1)[1] for key in not_implemented}
    built = {key.split(" ", 1)[1] for key in implemented} - stubbed
    out = []
    for note in notes:
        path = note[len("Left out ") :].split(":", 1)[0] if note.startswith("Left out /") else ""
        if path in built:
            continue
        out.append(
            f"Served as 501, not built: {path}:{note.split(':', 1)[1]}" if path in stubbed else note
        )
    return out


def _include(main: str) -> str:
    """main.py with the contract router imported and included before the others."""
    main = main.replace(
        "\napp.include_router(", "\napp.include_router(contract_router)\napp.include_router(", 1
    )
    return main.replace(
        "\nfrom app.", "\nfrom app.routers.contract import router as contract_router\nfrom app.", 1
    )


def router_source(ops: list[ApiOperation]) -> str:
    names: set[str] = set()
    ids = [op.operation_id for op in ops]
    blocks = [_HEAD]
    for op in ops:
        name = _function_name(op, names)
        unique_id = op.operation_id and ids.count(op.operation_id) == 1
        blocks.append(_route(op, name, op.operation_id if unique_id else ""))
    return "\n\n".join(blocks)


def _function_name(op: ApiOperation, taken: set[str]) -> str:
    base = snake(f"{op.method} {_PARAM.sub(lambda m: 'by ' + m.group(1), op.path)}") or "op"
    base = base if base.isidentifier() and not keyword.iskeyword(base) else "operation"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _route(op: ApiOperation, name: str, operation_id: str) -> str:
    lit = codesafe.py_literal
    responses: dict[int, dict[str, Any]] = {}
    for code, types in op.responses.items():
        if code.isdigit():
            responses[int(code)] = {"description": f"{code} response"} | (
                {"content": {t: {} for t in types}} if types else {}
            )
    responses[501] = {"description": "Not implemented by codebegen"}
    args = [lit(op.path), f"status_code={op.success}", f"responses={responses!r}"]
    if operation_id:
        args.append(f"operation_id={lit(operation_id)}")
    if op.summary:
        args.append(f"summary={lit(op.summary)}")
    if op.request_types:
        body: dict[str, Any] = {"requestBody": {"content": {t: {} for t in op.request_types}}}
        args.append(f"openapi_extra={body!r}")
    params = _parameters(op)
    signature = ", ".join(params)
    what, media = lit(op.key), lit(op.media_type)
    return (
        f"@router.{op.method.lower()}({', '.join(args)})\n"
        f"def {name}({signature}) -> Response:\n"
        f'    """{codesafe.docstring_text(op.key)}: not implemented by codebegen."""\n'
        f"    return not_implemented({what}, {media})\n"
    )


def _parameters(op: ApiOperation, names: dict[str, str] | None = None) -> list[str]:
    """The route function's parameters, required first; `names` gets each declared name's
    Python name ({"noteId": "note_id"})."""
    declared = list(op.parameters)
    named = {p.name for p in declared if p.location == "path"}
    for name in _PARAM.findall(op.path):
        if name not in named:
            declared.append(Parameter(name=name, location="path", required=True))
    taken: set[str] = {"request", "session"}  # the implemented routes' own parameters
    required: list[str] = []
    optional: list[str] = []
    for param in declared:
        text = _parameter(param, taken)
        if names is not None:
            names[param.name] = text.split(":", 1)[0]
        (required if param.required else optional).append(text)
    return required + optional


def _parameter(param: Parameter, taken: set[str]) -> str:
    schema = param.schema_
    kind = schema.get("type")
    kind = next((k for k in kind if k != "null"), None) if isinstance(kind, list) else kind
    python = "list[str]" if kind == "array" and param.location == "query" else "str"
    python = _TYPES.get(str(kind), python)
    choices = schema.get("enum")
    if isinstance(choices, list) and choices and all(isinstance(c, str) for c in choices):
        python = f"Literal[{', '.join(codesafe.py_literal(c) for c in dict.fromkeys(choices))}]"
    name = snake(param.name)
    if not name.isidentifier() or keyword.iskeyword(name) or name in taken or name[0] == "_":
        name = f"p_{name}" if f"p_{name}".isidentifier() else f"p_{len(taken)}"
    while name in taken:
        name += "_"
    taken.add(name)
    alias = f"alias={codesafe.py_literal(param.name)}" if name != param.name else ""
    marker = f"{_MARKERS[param.location]}({alias})"
    if param.required:
        return f"{name}: Annotated[{python}, {marker}]"
    default = schema.get("default")
    if _fits(default, python, choices):
        return f"{name}: Annotated[{python}, {marker}] = {codesafe.py_literal(default)}"
    return f"{name}: Annotated[{python} | None, {marker}] = None"


def _fits(default: object, python: str, choices: object) -> bool:
    """True when the declared default is a value of the parameter's Python type."""
    if isinstance(choices, list) and choices:
        return isinstance(default, str) and default in choices and python.startswith("Literal")
    if isinstance(default, bool):
        return python == "bool"
    if isinstance(default, int):
        return python in ("int", "float")
    if isinstance(default, float):
        return python == "float"
    return isinstance(default, str) and python == "str"
