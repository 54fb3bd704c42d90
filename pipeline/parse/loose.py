"""A loosely written OpenAPI document -> the shapes `openapi.py` reads, or nothing. No I/O.

People write `schema: string` for `schema: {type: string}`, lists where mappings belong, numbers
as keys. `tidy_openapi` returns a copy where every part the reader walks has its declared shape:
a bare type name becomes `{type: name}`, anything else of the wrong shape is dropped (and so
never read, rather than read as a crash). The input is not modified.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

_TYPES = {"string", "integer", "number", "boolean", "object", "array", "null"}
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DEPTH = 40  # deeper schemas are cut here: no recursion error on a pathological document


def _mapping(node: object) -> dict[str, Any]:
    return {str(k): v for k, v in node.items()} if isinstance(node, dict) else {}


def tidy_schema(node: object, depth: int = 0) -> Schema:
    """A schema with `properties`, `items`, `allOf`, `required`, `enum` and `type` in shape."""
    if isinstance(node, str) and node.strip().lower() in _TYPES:
        return {"type": node.strip().lower()}
    if not isinstance(node, dict) or depth > _DEPTH:
        return {}
    schema = _mapping(node)
    if "$ref" in schema and not isinstance(schema["$ref"], str):
        del schema["$ref"]
    kind = schema.get("type")
    if isinstance(kind, list):
        schema["type"] = [str(k) for k in kind if isinstance(k, str)]
    elif kind is not None and not isinstance(kind, str):
        del schema["type"]
    if "properties" in schema:
        schema["properties"] = {
            k: tidy_schema(v, depth + 1) for k, v in _mapping(schema["properties"]).items()
        }
    if "items" in schema:
        schema["items"] = tidy_schema(schema["items"], depth + 1)
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            parts = schema[key] if isinstance(schema[key], list) else []
            schema[key] = [tidy_schema(p, depth + 1) for p in parts]
    for key in ("required", "enum"):
        if key in schema and not isinstance(schema[key], list):
            del schema[key]
    if "required" in schema:
        schema["required"] = [r for r in schema["required"] if isinstance(r, str)]
    if "enum" in schema:
        schema["enum"] = [e for e in schema["enum"] if isinstance(e, str | int | float | bool)]
    for key in ("format", "description"):
        if key in schema and not isinstance(schema[key], str):
            del schema[key]
    return schema


def _content(node: object) -> dict[str, Any]:
    return {
        k: {"schema": tidy_schema(_mapping(m).get("schema"))} for k, m in _mapping(node).items()
    }


def _operation(node: object) -> dict[str, Any]:
    op = _mapping(node)
    body = _mapping(op.get("requestBody"))
    op["requestBody"] = {**body, "content": _content(body.get("content"))}
    responses = {}
    for code, response in _mapping(op.get("responses")).items():
        response = _mapping(response)
        responses[code] = {**response, "content": _content(response.get("content"))}
    op["responses"] = responses
    return op


def tidy_openapi(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with info, paths, components/schemas and securitySchemes in shape."""
    out = _mapping(doc)
    out["info"] = _mapping(out.get("info"))
    paths = {}
    for path, item in _mapping(out.get("paths")).items():
        item = _mapping(item)
        paths[path] = {m: _operation(op) for m, op in item.items() if m in _METHODS}
    out["paths"] = paths
    components = _mapping(out.get("components"))
    components["schemas"] = {
        k: s for k, v in _mapping(components.get("schemas")).items() if (s := tidy_schema(v))
    }
    components["securitySchemes"] = {
        k: _mapping(v) for k, v in _mapping(components.get("securitySchemes")).items()
    }
    out["components"] = components
    return out


def status_codes_as_text(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with every response code as the string OpenAPI declares it ("201"): YAML
    reads an unquoted `201:` as the number 201, and every later reader looks codes up as
    text. Only response keys change; the input is not modified."""
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        return doc
    out_paths: dict[Any, Any] = {}
    for path, item in paths.items():
        if isinstance(item, dict):
            item = {
                method: (
                    {**op, "responses": {str(k): v for k, v in op["responses"].items()}}
                    if isinstance(op, dict) and isinstance(op.get("responses"), dict)
                    else op
                )
                for method, op in item.items()
            }
        out_paths[path] = item
    return {**doc, "paths": out_paths}
