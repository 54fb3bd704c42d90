"""Route functions for the operations of an input OpenAPI document. No I/O.

`route_parameters(op)` gives a route function's parameters, named and typed as the document
declares them (path, query, header, cookie; enums as `Literal`, declared defaults kept);
`stub_route(op, ...)` renders the route of an operation codebegen does not implement: at its
exact path and method, answering 501 "not implemented by codebegen: METHOD PATH" in its declared
media type. `reword_left_out` says the parser's notes truly once the document is served.
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline import codesafe
from pipeline.contract.document import ApiOperation, Parameter
from pipeline.naming import snake

INPUT_PATH = "contract/openapi.input.yaml"  # the input document, read by validation
_PARAM = re.compile(r"\{([^}]*)\}")
_TYPES = {"integer": "int", "number": "float", "boolean": "bool"}
_MARKERS = {"path": "Path", "query": "Query", "header": "Header", "cookie": "Cookie"}


@dataclass
class ContractOutcome:
    files: dict[str, str]
    operations: list[ApiOperation] = field(default_factory=list)  # all, in document order
    not_implemented: list[str] = field(default_factory=list)  # "GET /notes/search", answer 501
    notes: list[str] = field(default_factory=list)  # what a person should know, in words


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


def function_name(op: ApiOperation, taken: set[str]) -> str:
    base = snake(f"{op.method} {_PARAM.sub(lambda m: 'by ' + m.group(1), op.path)}") or "op"
    base = base if base.isidentifier() and not keyword.iskeyword(base) else "operation"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def stub_route(op: ApiOperation, name: str, operation_id: str) -> str:
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
    params = route_parameters(op)
    signature = ", ".join(params)
    what, media = lit(op.key), lit(op.media_type)
    return (
        f"@router.{op.method.lower()}({', '.join(args)})\n"
        f"def {name}({signature}) -> Response:\n"
        f'    """{codesafe.docstring_text(op.key)}: not implemented by codebegen."""\n'
        f"    return not_implemented({what}, {media})\n"
    )


def route_parameters(op: ApiOperation, names: dict[str, str] | None = None) -> list[str]:
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
    alias = [f"alias={codesafe.py_literal(param.name)}"] if name != param.name else []
    # a path value outside the bounds names no record: that stays the operation's 404
    bounds = _bounds(schema, python) if param.location != "path" else []
    marker = f"{_MARKERS[param.location]}({', '.join(alias + bounds)})"
    if param.required:
        return f"{name}: Annotated[{python}, {marker}]"
    default = schema.get("default")
    if _fits(default, python, choices):
        return f"{name}: Annotated[{python}, {marker}] = {codesafe.py_literal(default)}"
    return f"{name}: Annotated[{python} | None, {marker}] = None"


def _number(value: object) -> bool:
    """A finite number (`.inf` in YAML is none: it would not be Python source)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _bounds(schema: dict[str, object], python: str) -> list[str]:
    """The parameter's declared bounds as FastAPI checks them ("le=100" of `maximum: 100`,
    "max_length=40"): a value outside them is invalid input (400 where declared, else 422)."""
    found: list[str] = []
    if python in ("int", "float"):
        low, high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        for word, bound, exclusive in (("g", "minimum", low), ("l", "maximum", high)):
            if _number(exclusive):  # 3.1: the exclusive bound itself
                found.append(f"{word}t={exclusive!r}")
            elif _number(schema.get(bound)):  # 3.0: a flag on the bound
                found.append(f"{word}{'t' if exclusive is True else 'e'}={schema[bound]!r}")
    if python == "str":
        for word, bound in (("min_length", "minLength"), ("max_length", "maxLength")):
            value = schema.get(bound)
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                found.append(f"{word}={value}")
    return found


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
