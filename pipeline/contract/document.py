"""An OpenAPI 3 document -> the list of its operations, exactly as declared. No I/O.

Each operation keeps what a served API must honour: method, path, operationId, parameters
(in, name, required, schema; path-level ones merged, local `$ref`s followed), request body
content types, declared responses (status code -> content types) and security scheme names.
A document that is not an OpenAPI 3 mapping raises `SpecError`; loose parts (a `schema: string`,
a parameter that is not a mapping) are read as far as they go, never as a traceback.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pipeline.errors import SpecError

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PLACES = ("path", "query", "header", "cookie")


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    location: str  # path | query | header | cookie
    required: bool = False
    schema_: dict[str, Any] = Field(default_factory=dict, alias="schema")


class ApiOperation(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    method: str  # upper case: "GET"
    path: str  # as the document writes it: "/pets/{petId}"
    operation_id: str = ""
    summary: str = ""
    parameters: list[Parameter] = Field(default_factory=list)
    request_types: list[str] = Field(default_factory=list)  # request body media types
    responses: dict[str, list[str]] = Field(default_factory=dict)  # "200" -> media types
    security: list[str] = Field(default_factory=list)  # scheme names; [] also when public

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def success(self) -> int:
        """The declared success status: the lowest 2xx, else 200."""
        codes = sorted(int(c) for c in self.responses if re.fullmatch(r"2\d\d", c))
        return codes[0] if codes else 200

    @property
    def media_type(self) -> str:
        """The success response's first declared media type ("application/json" when none)."""
        types = self.responses.get(str(self.success)) or []
        return types[0] if types else "application/json"


PROSE = "x-codebegen-prose"  # the description's words around its document, kept beside it


def openapi_document(text: str) -> dict[str, Any] | None:
    """The OpenAPI 3 document a description holds (fenced, or the whole text), else None."""
    from pipeline.parse import embedded_document  # the parser's own finder of documents

    found = embedded_document(text)  # read as YAML 1.2: `on:` is a property's name
    if found is None or not str(found[0].get("openapi", "")).startswith("3"):
        return None
    if found[2] and PROSE not in found[0]:  # the words around it say what it does, too
        return {**found[0], PROSE: _unwrapped(found[2])}
    return found[0]


# An indented line that goes on with the list item above it (not an item of its own).
_GOES_ON = re.compile(r"\n[ \t]{2,}(?![-*+•]\s|\d+[.)]\s)(?=\S)")


# Where the words part: a blank line, or a new list item.
_BLOCK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+•]|\d+[.)])\s)")


def blocks(prose: str) -> list[str]:
    """The paragraphs and list items of the words, each whole (of several sentences)."""
    return _BLOCK.split(prose)


def sentences(prose: str) -> list[str]:
    """The sentences of the words, each whole where the lines of its paragraph or list item
    wrap it ("newest `inspected_on`\nfirst")."""
    return [
        sentence
        for block in blocks(prose)
        for sentence in re.split(r"(?<=[.!?;])\s+", re.sub(r"\s*\n\s*", " ", block).strip())
        if sentence
    ]


# A fenced example in the words ("   ```\n   Title: <title>\n   ```"): kept line by line.
_FENCED = re.compile(r"(\n[ \t]*```[^\n]*\n(?:.*?\n)??[ \t]*```[ \t]*(?=\n|$))", re.S)


def _unwrapped(prose: str) -> str:
    """The words with each hard-wrapped list item on one line ("- `players` (games for that\n
    many people, i.e. ...)"), so that a line holds all an item says; a fenced example keeps
    its lines."""
    parts = _FENCED.split("\n" + prose)
    joined = "".join(p if i % 2 else _GOES_ON.sub(" ", p) for i, p in enumerate(parts))
    return joined[1:]


def route_key(method: str, path: str) -> str:
    """ "GET /pets/{petId}" and "GET /pets/{pet_id}" are one route: "GET /pets/{}"."""
    normal = re.sub(r"\{[^}/]*\}", "{}", "/" + path.strip().strip("/"))
    return f"{method.upper()} {normal}"


def read_operations(doc: object) -> list[ApiOperation]:
    """Every operation of an OpenAPI 3 document, in document order."""
    if not isinstance(doc, dict) or not str(doc.get("openapi", "")).startswith("3"):
        raise SpecError("This is not an OpenAPI 3 document (no `openapi: 3.x` at its top).")
    paths = doc.get("paths")
    if paths is None:
        paths = {}
    if not isinstance(paths, dict):
        raise SpecError("The OpenAPI document's `paths` is not a mapping of paths to operations.")
    top_security = _security(doc.get("security"))
    raw = doc.get("components")
    components: dict[str, Any] = raw if isinstance(raw, dict) else {}
    ops: list[ApiOperation] = []
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        shared = _parameters(item.get("parameters"), components)
        for method, op in item.items():
            if method not in METHODS or not isinstance(op, dict):
                continue
            own = _parameters(op.get("parameters"), components)
            names = {(p.location, p.name) for p in own}
            params = [p for p in shared if (p.location, p.name) not in names] + own
            security = _security(op["security"]) if "security" in op else top_security
            ops.append(
                ApiOperation(
                    method=str(method).upper(),
                    path="/" + str(path).strip().lstrip("/"),
                    operation_id=_text(op.get("operationId")),
                    summary=_text(op.get("summary")),
                    parameters=params,
                    request_types=_content(_deref(op.get("requestBody"), components)),
                    responses=_responses(op.get("responses"), components),
                    security=security,
                )
            )
    return ops


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _deref(node: object, components: dict[str, Any]) -> dict[str, Any]:
    """A local `#/components/<kind>/<name>` reference followed (one level deep is enough for
    parameters, request bodies and responses); anything that is not a mapping -> {}."""
    for _ in range(5):  # a chain of references, never a loop
        if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
            break
        parts = node["$ref"].split("/")
        if len(parts) != 4 or parts[:2] != ["#", "components"]:
            return {}
        group = components.get(parts[2])
        node = group.get(parts[3]) if isinstance(group, dict) else None
    return node if isinstance(node, dict) else {}


def _parameters(raw: object, components: dict[str, Any]) -> list[Parameter]:
    out: list[Parameter] = []
    for entry in raw if isinstance(raw, list) else []:
        param = _deref(entry, components)
        name, where = param.get("name"), param.get("in")
        if not isinstance(name, str) or not name or where not in _PLACES:
            continue
        schema = _deref(param.get("schema"), components) or _loose(param.get("schema"))
        shared = isinstance(param.get("schema"), dict) and "$ref" in param["schema"]
        if shared and where == "query":  # a component's default is its property's, when
            schema = {k: v for k, v in schema.items() if k != "default"}  # unset: not a filter
        required = where == "path" or param.get("required") is True
        out.append(Parameter(name=name, location=where, required=required, schema=schema))
    return out


def _loose(schema: object) -> dict[str, Any]:
    """`schema: string` (a bare type name) read as {"type": "string"}."""
    return {"type": schema} if isinstance(schema, str) and schema.isidentifier() else {}


def media_essence(media: object) -> str:
    """A media type without its parameters, in lower case: "application/json; charset=utf-8"
    and "Application/JSON" are "application/json" (RFC 9110: the parameters do not change what
    the body is)."""
    return str(media).split(";", 1)[0].strip().lower()


def _content(body: dict[str, Any]) -> list[str]:
    content = body.get("content")
    return [media_essence(k) for k in content] if isinstance(content, dict) else []


def _responses(raw: object, components: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code, response in (raw if isinstance(raw, dict) else {}).items():
        code = str(code).upper()
        if re.fullmatch(r"[1-5](?:\d\d|XX)|DEFAULT", code):
            out[code.lower() if code == "DEFAULT" else code] = _content(
                _deref(response, components)
            )
    return out


def _security(raw: object) -> list[str]:
    names: list[str] = []
    for requirement in raw if isinstance(raw, list) else []:
        if isinstance(requirement, dict):
            names += [str(k) for k in requirement if str(k) not in names]
    return names
